-- Indexes for the activity report (docs/reports.md), which aggregates over the history by period. Each lets its
-- query read an index alone: the history is the largest table and seldom fits in the buffer pool, so a look-up of
-- each row would cost a random read (docs/benchmarks.md, "Reports", has the figures).

-- Tickets created in a period, by queue.
CREATE INDEX ix_tickets_created ON tickets (created_at, queue);

-- The new status of a status change, as an indexable value (labels are short; the history keeps new_value whole).
-- VIRTUAL: computed, stored in its index only, nothing written to the rows.
ALTER TABLE ticket_history
    ADD COLUMN status_to VARCHAR(32) AS (CASE WHEN type = 'STATUS' THEN LEFT(new_value, 32) END) VIRTUAL;

-- Tickets closed in a period: the closing statuses' changes by time, with their ticket.
CREATE INDEX ix_ticket_history_status_to ON ticket_history (status_to, at, ticket_id);

-- The correspondence of a period with its ticket and who wrote it: the first responses, read as one range.
CREATE INDEX ix_ticket_history_type_at ON ticket_history (type, at, ticket_id, actor);

-- The tickets changed in a period (older tickets updated). It serves every query by time that ix_ticket_history_at
-- served, which it replaces.
CREATE INDEX ix_ticket_history_at_ticket ON ticket_history (at, ticket_id);
DROP INDEX ix_ticket_history_at ON ticket_history;

-- Cases opened in a period, by campaign (vulnerability cases per CVE); cases whose final warning fell in a period.
CREATE INDEX ix_campaign_cases_opened ON campaign_cases (opened_at, campaign_id);
CREATE INDEX ix_campaign_cases_final_warning ON campaign_cases (final_warning_at);

-- Messages sent in a period, by kind.
CREATE INDEX ix_outbox_messages_sent ON outbox_messages (state, sent_at, kind);

-- Suspensions decided in a period.
CREATE INDEX ix_suspensions_decided ON suspensions (decided_at);
