-- A received mail names the history entry it made (review finding 1): a reply threads to the Message-ID of that very
-- mail, and a forward carries that mail's attachments, also for an entry of a ticket merged into another. Before, the
-- desk paired them by sender and time (within 5 s), which two mails of one sender at once could mix up. NULL for a
-- mail that made no entry (our own mail returning, a bounce, an automatic mail for no ticket).
ALTER TABLE incoming_mails
    ADD COLUMN history_entry_id BIGINT NULL,
    ADD KEY ix_incoming_mails_history_entry (history_entry_id),
    ADD CONSTRAINT fk_incoming_mails_history_entry FOREIGN KEY (history_entry_id) REFERENCES ticket_history (id);

-- The mails received before: paired as the desk paired them until now, the entry of the mail's ticket by its sender
-- nearest in time within 5 s, so that what they showed stays as it was.
UPDATE incoming_mails m
SET m.history_entry_id = (
    SELECT h.id
    FROM ticket_history h
    WHERE h.ticket_id = m.ticket_id
      AND h.type IN ('CREATE', 'CORRESPOND', 'COMMENT')
      AND h.actor = CONCAT('mail:', m.from_address)
      AND h.at BETWEEN m.received_at - INTERVAL 5 SECOND AND m.received_at + INTERVAL 5 SECOND
    ORDER BY ABS(TIMESTAMPDIFF(MICROSECOND, h.at, m.received_at)), h.id
    LIMIT 1)
WHERE m.ticket_id IS NOT NULL;

-- A reply's minutes worked travel with its letter: in the RT ticket store the letter is the ticket's correspondence
-- in RT, whose TimeTaken they become (as a comment's already did).
ALTER TABLE outbox_messages ADD COLUMN time_worked INT NULL;

-- The messages mirrored from RT, by the RT transaction each came from: their files stay in RT, and a forward of such a
-- message fetches them there.
CREATE TABLE rt_mirrored_messages (
    history_id        BIGINT NOT NULL,
    rt_transaction_id BIGINT NOT NULL,
    PRIMARY KEY (history_id),
    CONSTRAINT fk_rt_mirrored_messages_history FOREIGN KEY (history_id) REFERENCES ticket_history (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
