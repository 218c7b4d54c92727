-- The RT ticket store (csirt.tickets.store=rt, issue 17): the application keeps its tickets and replicates them into
-- the CSIRT's Request Tracker, and learns from RT what staff and sites did there.

-- The number of a ticket's copy in RT, beside the application's own record.
ALTER TABLE tickets ADD COLUMN rt_id BIGINT NULL;
CREATE UNIQUE INDEX ux_tickets_rt_id ON tickets (rt_id);

-- A letter to a ticket's own contacts is posted to RT as correspondence (channel TICKET_STORE) instead of being
-- sent by SMTP. handed_over_at: when it was first handed to RT; set before the call, so that after a crash the
-- next attempt looks in the ticket's history before posting again.
ALTER TABLE outbox_messages
    ADD COLUMN channel        VARCHAR(16) NOT NULL DEFAULT 'SMTP',
    ADD COLUMN handed_over_at DATETIME(6) NULL;
-- Each sender claims due rows of its own channel in this index's order.
DROP INDEX ix_outbox_messages_due ON outbox_messages;
CREATE INDEX ix_outbox_messages_due ON outbox_messages (channel, next_attempt_at, id);

-- The replication into RT: a ticket's creation, its state (an idempotent full-state update, armed again by every
-- change: generation), and each internal note as an RT comment. Claimed like the outbox (FOR UPDATE SKIP LOCKED).
CREATE TABLE rt_jobs (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    dedup_key       VARCHAR(64)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    ticket_id       BIGINT        NOT NULL,
    history_id      BIGINT        NULL,
    state           VARCHAR(16)   NOT NULL,
    generation      BIGINT        NOT NULL,
    attempts        INT           NOT NULL,
    handed_over_at  DATETIME(6)   NULL,
    next_attempt_at DATETIME(6)   NULL,
    last_error      VARCHAR(1000) NULL,
    done_at         DATETIME(6)   NULL,
    created_at      DATETIME(6)   NOT NULL,
    version         BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_rt_jobs_dedup_key (dedup_key),
    KEY ix_rt_jobs_due (next_attempt_at, id),
    KEY ix_rt_jobs_ticket (ticket_id, id),
    CONSTRAINT fk_rt_jobs_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Following RT: the newest RT transaction already mirrored, per ticket.
CREATE TABLE rt_tickets (
    ticket_id        BIGINT NOT NULL,
    last_transaction BIGINT NOT NULL,
    PRIMARY KEY (ticket_id),
    CONSTRAINT fk_rt_tickets_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row: this installation's key in RT (the prefix of the "CSIRT Desk Ticket" custom field, so that two
-- installations on one RT never take each other's tickets), and the follower's cursor and lease: one instance
-- at a time reads RT's changes, the others wait for its lease to run out.
CREATE TABLE rt_store (
    id                 TINYINT     NOT NULL,
    installation       VARCHAR(16) NOT NULL,
    follow_cursor      DATETIME(6) NULL,
    follow_leased_by   VARCHAR(64) NULL,
    follow_lease_until DATETIME(6) NULL,
    last_success_at    DATETIME(6) NULL,
    last_error         VARCHAR(1000) NULL,
    last_error_at      DATETIME(6) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- RT's clock is the real one (the exercise clock moves only the application's): following starts a day before the
-- store was made, by the database's real time.
INSERT INTO rt_store (id, installation, follow_cursor)
VALUES (1, LEFT(REPLACE(UUID(), '-', ''), 12), UTC_TIMESTAMP(6) - INTERVAL 1 DAY);
