-- Issue 18: a mail is the same mail only when its Message-ID AND its content are the same. A different mail that
-- reuses a Message-ID (broken mail programs, list software, a forged id) is stored as a new mail, the earlier one
-- with that id noted; the same mail delivered twice (an MTA retry, the pipe and the IMAP mailbox) is taken once.
-- content_sha256 is the SHA-256 of the mail's body and the headers its writer gave it (not the trace headers an
-- MTA adds); rows from before this change have none and count as the same mail as any other under their id.
-- unreadable says what of a mail could not be read even leniently: it is kept raw, for a person to look at.

ALTER TABLE incoming_mails
    ADD COLUMN content_sha256 CHAR(64) NULL AFTER identity_sha256,
    ADD COLUMN message_id_reused_from BIGINT NULL AFTER message_id,
    ADD COLUMN unreadable VARCHAR(1024) NULL AFTER automatic_reason,
    DROP INDEX ux_incoming_mails_identity,
    ADD KEY ix_incoming_mails_identity (identity_sha256),
    ADD UNIQUE KEY ux_incoming_mails_identity_content (identity_sha256, content_sha256),
    ADD CONSTRAINT fk_incoming_mails_reused_from FOREIGN KEY (message_id_reused_from) REFERENCES incoming_mails (id);
