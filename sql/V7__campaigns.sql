-- The critical vulnerability procedure (SEC03): campaigns, one case per affected site, the schedule of
-- their steps, what happened to each case, and the register of suspended sites.

CREATE TABLE campaigns (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    incident_ticket_id  BIGINT        NOT NULL,
    title               VARCHAR(200)  NOT NULL,
    advisory_text       MEDIUMTEXT    NOT NULL,
    advisory_link       VARCHAR(500)  NULL,
    recommended_action  TEXT          NULL,
    severe_interruption BOOLEAN       NOT NULL,
    omb_authorised_by   VARCHAR(190)  NULL,
    omb_authorised_at   DATETIME(6)   NULL,
    omb_authorisation   VARCHAR(1000) NULL,
    scope               VARCHAR(16)   NOT NULL,
    tlp                 VARCHAR(8)    NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    chosen_deadline     DATETIME(6)   NULL,
    heads_up_at         DATETIME(6)   NULL,
    advisory_at         DATETIME(6)   NULL,
    deadline_at         DATETIME(6)   NULL,
    tickets_at          DATETIME(6)   NULL,
    all_acted_at        DATETIME(6)   NULL,
    created_at          DATETIME(6)   NOT NULL,
    created_by          VARCHAR(190)  NOT NULL,
    version             BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_campaigns_incident (incident_ticket_id),
    CONSTRAINT fk_campaigns_incident FOREIGN KEY (incident_ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A vulnerability is handled by at most one campaign that is not closed; the application checks it under
-- the vulnerability's lock, since a unique key cannot see the campaign's state.
CREATE TABLE campaign_vulnerabilities (
    campaign_id   BIGINT      NOT NULL,
    vulnerability VARCHAR(64) NOT NULL,
    PRIMARY KEY (campaign_id, vulnerability),
    KEY ix_campaign_vulnerabilities_vulnerability (vulnerability),
    CONSTRAINT fk_campaign_vulnerabilities_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE campaign_cases (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    campaign_id           BIGINT        NOT NULL,
    site                  VARCHAR(100)  NOT NULL,
    state                 VARCHAR(24)   NOT NULL,
    path                  VARCHAR(16)   NOT NULL,
    round_no              INT           NOT NULL,
    deadline_round        INT           NOT NULL,
    ticket_id             BIGINT        NULL,
    deadline_at           DATETIME(6)   NULL,
    ticket_due_at         DATETIME(6)   NULL,
    hosts                 TEXT          NOT NULL,
    seen_vulnerable_at    DATETIME(6)   NULL,
    vulnerable            BOOLEAN       NOT NULL,
    initial_notice_at     DATETIME(6)   NULL,
    reminders             INT           NOT NULL,
    final_warning_at      DATETIME(6)   NULL,
    site_statement        TEXT          NULL,
    site_plan             TEXT          NULL,
    responded_at          DATETIME(6)   NULL,
    awaiting_csirt        BOOLEAN       NOT NULL,
    recommends_suspension BOOLEAN       NOT NULL,
    recommendation        VARCHAR(1000) NULL,
    vetoed_by             VARCHAR(8)    NULL,
    veto                  VARCHAR(1000) NULL,
    resolution            VARCHAR(24)   NULL,
    resolution_note       VARCHAR(2000) NULL,
    resolved_at           DATETIME(6)   NULL,
    opened_at             DATETIME(6)   NOT NULL,
    version               BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_campaign_cases_site (campaign_id, site),
    UNIQUE KEY ux_campaign_cases_ticket (ticket_id),
    KEY ix_campaign_cases_state (campaign_id, state),
    CONSTRAINT fk_campaign_cases_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
    CONSTRAINT fk_campaign_cases_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What happened to a case and who did it: decisions, responses, notices. Append-only.
CREATE TABLE case_events (
    id       BIGINT        NOT NULL AUTO_INCREMENT,
    case_id  BIGINT        NOT NULL,
    kind     VARCHAR(32)   NOT NULL,
    actor    VARCHAR(190)  NOT NULL,
    at       DATETIME(6)   NOT NULL,
    detail   VARCHAR(2000) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_case_events_case (case_id, id),
    KEY ix_case_events_kind (kind, at),
    CONSTRAINT fk_case_events_case FOREIGN KEY (case_id) REFERENCES campaign_cases (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'case_events is append-only';
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'case_events is append-only';

-- The schedule: every planned step of a campaign (case_id NULL) or of a case, with its due time. The
-- heartbeat claims due rows with FOR UPDATE SKIP LOCKED; one row per (campaign, case, step) ever.
CREATE TABLE schedule_steps (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    campaign_id BIGINT       NOT NULL,
    case_id     BIGINT       NULL,
    case_key    BIGINT       AS (IFNULL(case_id, 0)) PERSISTENT,
    step        VARCHAR(64)  NOT NULL,
    due_at      DATETIME(6)  NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    done_at     DATETIME(6)  NULL,
    outcome     VARCHAR(500) NULL,
    attempts    INT          NOT NULL,
    version     BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_schedule_steps_step (campaign_id, case_key, step),
    KEY ix_schedule_steps_due (state, due_at),
    KEY ix_schedule_steps_case (case_id, state),
    CONSTRAINT fk_schedule_steps_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
    CONSTRAINT fk_schedule_steps_case FOREIGN KEY (case_id) REFERENCES campaign_cases (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The register of suspended sites (SEC03-4.5): each suspension from decision to reinstatement.
CREATE TABLE suspensions (
    id                         BIGINT        NOT NULL AUTO_INCREMENT,
    case_id                    BIGINT        NOT NULL,
    campaign_id                BIGINT        NOT NULL,
    site                       VARCHAR(100)  NOT NULL,
    state                      VARCHAR(24)   NOT NULL,
    reason                     VARCHAR(2000) NOT NULL,
    decided_by                 VARCHAR(190)  NOT NULL,
    decided_at                 DATETIME(6)   NOT NULL,
    countermeasure_ticket_id   BIGINT        NOT NULL,
    status_change_id           BIGINT        NOT NULL,
    suspended_at               DATETIME(6)   NULL,
    reinstatement_requested_by VARCHAR(190)  NULL,
    reinstatement_contact      VARCHAR(254)  NULL,
    reinstatement_request      VARCHAR(2000) NULL,
    reinstatement_requested_at DATETIME(6)   NULL,
    verified_by                VARCHAR(190)  NULL,
    verification               VARCHAR(2000) NULL,
    reinstatement_change_id    BIGINT        NULL,
    reinstated_at              DATETIME(6)   NULL,
    ended_at                   DATETIME(6)   NULL,
    version                    BIGINT        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_suspensions_site (site, id),
    KEY ix_suspensions_state (state),
    UNIQUE KEY ux_suspensions_status_change (status_change_id),
    UNIQUE KEY ux_suspensions_reinstatement_change (reinstatement_change_id),
    CONSTRAINT fk_suspensions_case FOREIGN KEY (case_id) REFERENCES campaign_cases (id),
    CONSTRAINT fk_suspensions_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
    CONSTRAINT fk_suspensions_countermeasure FOREIGN KEY (countermeasure_ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
