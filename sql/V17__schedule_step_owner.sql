-- A step on the schedule belongs to an owner, a kind the owning feature names and the id of its row, instead of
-- nullable columns for each feature (campaign, case, SEC01 deadline): the schedule claims and announces steps
-- without knowing the procedures. Existing rows keep their owner: a case's step is the case's (its campaign is the
-- case's), a campaign's own step the campaign's, a deadline's step the deadline's. The owners' rows are in their
-- features' tables, so no foreign key remains; every owner keeps its rows (nothing deletes a campaign, case or
-- deadline).

ALTER TABLE schedule_steps
    ADD COLUMN owner_kind VARCHAR(32) NULL AFTER id,
    ADD COLUMN owner_id   BIGINT      NULL AFTER owner_kind;

UPDATE schedule_steps
SET owner_kind = CASE
        WHEN deadline_id IS NOT NULL THEN 'incident-deadline'
        WHEN case_id IS NOT NULL THEN 'campaign-case'
        ELSE 'campaign' END,
    owner_id   = COALESCE(deadline_id, case_id, campaign_id);

ALTER TABLE schedule_steps
    DROP CONSTRAINT ck_schedule_steps_owner,
    DROP FOREIGN KEY fk_schedule_steps_campaign,
    DROP FOREIGN KEY fk_schedule_steps_case,
    DROP FOREIGN KEY fk_schedule_steps_deadline;

ALTER TABLE schedule_steps
    DROP INDEX ux_schedule_steps_step,
    DROP INDEX ux_schedule_steps_deadline,
    DROP INDEX ix_schedule_steps_case,
    DROP COLUMN case_key,
    DROP COLUMN campaign_id,
    DROP COLUMN case_id,
    DROP COLUMN deadline_id,
    MODIFY owner_kind VARCHAR(32) NOT NULL,
    MODIFY owner_id   BIGINT      NOT NULL,
    -- One row per (owner, step) ever; it is also the index of every read of an owner's steps.
    ADD UNIQUE KEY ux_schedule_steps_owner_step (owner_kind, owner_id, step);
-- ix_schedule_steps_due (state, due_at) stays: the heartbeat's claim and its idle check.
