-- Mail that came in through the mail gateway: every mail is kept whole (raw), with what was read from it and
-- what became of it. A mail is known by its Message-ID (or, lacking one, by the digest of its bytes): the
-- unique key on the digest of that identity makes a mail piped twice a mail stored once. Message-IDs may be
-- longer than an index allows, hence the digest.

CREATE TABLE incoming_mails (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    identity_sha256  CHAR(64)      NOT NULL,
    message_id       VARCHAR(998)  NULL,
    received_at      DATETIME(6)   NOT NULL,
    channel          VARCHAR(16)   NOT NULL,
    action           VARCHAR(16)   NOT NULL,
    from_address     VARCHAR(254)  NULL,
    subject          VARCHAR(998)  NOT NULL,
    ticket_id        BIGINT        NULL,
    threaded_by      VARCHAR(16)   NOT NULL,
    disposition      VARCHAR(16)   NOT NULL,
    automatic_reason VARCHAR(255)  NULL,
    needs_review     BOOLEAN       NOT NULL,
    body_text        MEDIUMTEXT    NOT NULL,
    display_text     MEDIUMTEXT    NOT NULL,
    raw_size         BIGINT        NOT NULL,
    raw              LONGBLOB      NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_incoming_mails_identity (identity_sha256),
    KEY ix_incoming_mails_ticket (ticket_id, id),
    KEY ix_incoming_mails_review (needs_review, id),
    CONSTRAINT fk_incoming_mails_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id),
    CONSTRAINT ck_incoming_mails_disposition
        CHECK (disposition IN ('CORRESPONDENCE', 'COMMENT', 'REVIEW', 'AUTOMATIC', 'NEW_REPORT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The attachments, decoded, with the type and size the mail gave them.
CREATE TABLE incoming_attachments (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    mail_id      BIGINT       NOT NULL,
    position     INT          NOT NULL,
    filename     VARCHAR(255) NULL,
    content_type VARCHAR(255) NOT NULL,
    size         BIGINT       NOT NULL,
    content      LONGBLOB     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_incoming_attachments_position (mail_id, position),
    CONSTRAINT fk_incoming_attachments_mail FOREIGN KEY (mail_id) REFERENCES incoming_mails (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
