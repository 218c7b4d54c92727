-- The outbox: every message the application sends is first a row here, written in the same transaction
-- as the change that causes it. dedup_key makes a cause produce one message, however often it runs.

CREATE TABLE outbox_messages (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    dedup_key  VARCHAR(190) NOT NULL,
    message_id VARCHAR(255) NOT NULL,
    kind       VARCHAR(64)  NOT NULL,
    ticket_id  BIGINT       NULL,
    tlp        VARCHAR(8)   NOT NULL,
    subject    VARCHAR(998) NOT NULL,
    body       MEDIUMTEXT   NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    version    BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_outbox_messages_dedup_key (dedup_key),
    UNIQUE KEY ux_outbox_messages_message_id (message_id),
    KEY ix_outbox_messages_state (state, id),
    KEY ix_outbox_messages_ticket (ticket_id, id),
    CONSTRAINT fk_outbox_messages_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE outbox_recipients (
    message_id BIGINT       NOT NULL,
    kind       VARCHAR(2)   NOT NULL,
    email      VARCHAR(254) NOT NULL,
    PRIMARY KEY (message_id, kind, email),
    CONSTRAINT fk_outbox_recipients_message FOREIGN KEY (message_id) REFERENCES outbox_messages (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
