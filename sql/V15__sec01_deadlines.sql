-- SEC01-deadlines: each affected site's deadlines (report, isolate, announce a downtime, answer each CSIRT request,
-- send the closure report), the milestones recorded by hand that meet or start them, and their steps on the one
-- schedule of the procedures: schedule_steps now holds a campaign's steps or a deadline's, never both.

CREATE TABLE incident_deadlines (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    incident_id  BIGINT       NOT NULL,
    site         VARCHAR(100) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    -- The CSIRT request's number for an answer (1, 2, ...); 0 for the deadlines a site has once.
    number       INT          NOT NULL,
    started_at   DATETIME(6)  NOT NULL,
    due_at       DATETIME(6)  NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    met_at       DATETIME(6)  NULL,
    met_by       VARCHAR(300) NULL,
    settled_at   DATETIME(6)  NULL,
    note         VARCHAR(500) NULL,
    version      BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_incident_deadlines (incident_id, site, kind, number),
    CONSTRAINT fk_incident_deadlines_site FOREIGN KEY (incident_id, site) REFERENCES incident_sites (incident_id, site)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the site did, as the CSIRT recorded it by hand: who, when it happened, why it is believed.
CREATE TABLE incident_site_milestones (
    incident_id  BIGINT        NOT NULL,
    site         VARCHAR(100)  NOT NULL,
    kind         VARCHAR(24)   NOT NULL,
    happened_at  DATETIME(6)   NOT NULL,
    recorded_by  VARCHAR(190)  NOT NULL,
    recorded_at  DATETIME(6)   NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    PRIMARY KEY (incident_id, site, kind),
    CONSTRAINT fk_incident_site_milestones_site FOREIGN KEY (incident_id, site) REFERENCES incident_sites (incident_id, site)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE schedule_steps
    MODIFY campaign_id BIGINT NULL,
    ADD COLUMN deadline_id BIGINT NULL AFTER case_id,
    ADD UNIQUE KEY ux_schedule_steps_deadline (deadline_id, step),
    ADD CONSTRAINT fk_schedule_steps_deadline FOREIGN KEY (deadline_id) REFERENCES incident_deadlines (id),
    ADD CONSTRAINT ck_schedule_steps_owner CHECK ((campaign_id IS NULL) <> (deadline_id IS NULL));
