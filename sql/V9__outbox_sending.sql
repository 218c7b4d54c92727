-- Sending from the outbox: each message's attempts, when it is tried next, the last error, and when it went out.
-- A message waits (QUEUED, RETRYING) until next_attempt_at; the sender claims due rows with FOR UPDATE SKIP LOCKED.

ALTER TABLE outbox_messages
    ADD COLUMN attempts        INT           NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at DATETIME(6)   NULL,
    ADD COLUMN last_error      VARCHAR(1000) NULL,
    ADD COLUMN sent_at         DATETIME(6)   NULL;

UPDATE outbox_messages SET next_attempt_at = created_at WHERE state = 'QUEUED';

-- The sender's claim: due rows oldest first, read in this index's order so that LIMIT stops the scan and the row
-- locks (FOR UPDATE SKIP LOCKED) fall on the rows taken only. Only waiting rows have a next attempt; with the state
-- leading the index, "state IN (QUEUED, RETRYING)" would sort, and lock, every waiting row for each batch.
CREATE INDEX ix_outbox_messages_due ON outbox_messages (next_attempt_at, id);
