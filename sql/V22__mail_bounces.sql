-- Bounces (issue 18): a delivery status notification or a plain bounce that returns one of our letters is matched to
-- its outbox message by the letter's Message-ID. Each row is one recipient the bounce says failed, with the reason;
-- recipient is NULL when a plain bounce of a letter to several people does not say which one. Append-only: a contact
-- is "not reachable" while its latest letter bounced (docs/mail.md).
CREATE TABLE mail_bounces (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    outbox_message_id BIGINT        NOT NULL,
    recipient         VARCHAR(254)  NULL,
    reason            VARCHAR(1000) NOT NULL,
    incoming_mail_id  BIGINT        NOT NULL,
    at                DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_mail_bounces_mail_recipient (incoming_mail_id, outbox_message_id, recipient),
    KEY ix_mail_bounces_message (outbox_message_id),
    KEY ix_mail_bounces_recipient (recipient, at),
    CONSTRAINT fk_mail_bounces_message FOREIGN KEY (outbox_message_id) REFERENCES outbox_messages (id),
    CONSTRAINT fk_mail_bounces_mail FOREIGN KEY (incoming_mail_id) REFERENCES incoming_mails (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER mail_bounces_no_update BEFORE UPDATE ON mail_bounces FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mail_bounces is append-only';
CREATE TRIGGER mail_bounces_no_delete BEFORE DELETE ON mail_bounces FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mail_bounces is append-only';

-- A SEC03 case whose letter to the site bounced for every contact: the procedure's notice was not given
-- (SEC03-2.4); the CSIRT sees the flag until the site is heard from.
ALTER TABLE campaign_cases
    ADD COLUMN not_reached_at DATETIME(6)   NULL,
    ADD COLUMN not_reached    VARCHAR(1000) NULL;
