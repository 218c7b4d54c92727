-- Forwards and replies to a given mail (issue 21, item 4).
-- A letter may carry files: the attachments of a received mail, forwarded as they came. Written with the letter, in
-- its transaction, and never changed.
CREATE TABLE outbox_attachments (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    message_id   BIGINT       NOT NULL,
    position     INT          NOT NULL,
    filename     VARCHAR(255) NULL,
    content_type VARCHAR(255) NOT NULL,
    content      LONGBLOB     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_outbox_attachments_position (message_id, position),
    CONSTRAINT fk_outbox_attachments_message FOREIGN KEY (message_id) REFERENCES outbox_messages (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A reply to one mail of the ticket's history threads to that mail: In-Reply-To names its Message-ID instead of the
-- ticket's latest letter.
ALTER TABLE outbox_messages ADD COLUMN in_reply_to VARCHAR(998) NULL;
