-- RT's "refers to": a plain link from one ticket to another of any queue, shown on the first as "refers to" and on
-- the second as "referred to by". Unlike ticket_links (RT-IR's "member of" an incident) it carries no rule of the
-- procedures: it only says where to look.
CREATE TABLE ticket_references (
    ticket_id    BIGINT      NOT NULL,
    refers_to_id BIGINT      NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (ticket_id, refers_to_id),
    KEY ix_ticket_references_refers_to (refers_to_id),
    CONSTRAINT fk_ticket_references_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id),
    CONSTRAINT fk_ticket_references_refers_to FOREIGN KEY (refers_to_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
