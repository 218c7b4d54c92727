-- RT's merge: a merged ticket keeps its rows and its history and names the ticket it was merged into (the survivor),
-- which answers for it from then on. NULL: not merged.
ALTER TABLE tickets
    ADD COLUMN merged_into BIGINT NULL,
    ADD CONSTRAINT fk_tickets_merged_into FOREIGN KEY (merged_into) REFERENCES tickets (id);

-- RT's TimeTaken: the minutes worked, written with a reply or a comment. NULL: none said.
ALTER TABLE ticket_history ADD COLUMN time_worked INT NULL;
