-- SEC01, security incidents: the tag of each incident, its coordinator, its affected sites, the indicators of
-- compromise of every ticket, and the closure reports. Times are UTC, DATETIME(6). Strings are utf8mb4.

-- SEC01-tag: one row per day of the CSIRT's calendar holding that day's last incident number. A new incident takes
-- the next number with INSERT ... ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1): the row
-- lock serialises two instances opening incidents at the same moment, and a rolled-back opening gives its number back.
CREATE TABLE incident_tag_counters (
    tag_day     DATE NOT NULL,
    last_number INT  NOT NULL,
    PRIMARY KEY (tag_day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An incident of SEC01: the Incidents ticket it is, its tag (EGI-YYYYMMDD-NN) and its coordinator. The unique keys
-- are the last word on the tag's uniqueness. stall_notified_for is the last history entry of the stall whose letter
-- went to the coordinator, so that one stall gives one letter.
CREATE TABLE incidents (
    ticket_id          BIGINT       NOT NULL,
    tag                VARCHAR(64)  NOT NULL,
    tag_day            DATE         NOT NULL,
    tag_number         INT          NOT NULL,
    coordinator        VARCHAR(190) NULL,
    stall_notified_for BIGINT       NULL,
    created_at         DATETIME(6)  NOT NULL,
    version            BIGINT       NOT NULL,
    PRIMARY KEY (ticket_id),
    UNIQUE KEY ux_incidents_tag (tag),
    UNIQUE KEY ux_incidents_day_number (tag_day, tag_number),
    CONSTRAINT fk_incidents_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A site an incident affects, with its Investigation (one per site and incident); the SEC01 deadlines hang on it.
CREATE TABLE incident_sites (
    incident_id      BIGINT       NOT NULL,
    site             VARCHAR(100) NOT NULL,
    investigation_id BIGINT       NOT NULL,
    discovered_at    DATETIME(6)  NULL,
    added_at         DATETIME(6)  NOT NULL,
    added_by         VARCHAR(190) NOT NULL,
    PRIMARY KEY (incident_id, site),
    UNIQUE KEY ux_incident_sites_investigation (investigation_id),
    CONSTRAINT fk_incident_sites_incident FOREIGN KEY (incident_id) REFERENCES incidents (ticket_id),
    CONSTRAINT fk_incident_sites_investigation FOREIGN KEY (investigation_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- SEC01-related: indicators of compromise per ticket, extracted from its texts or added by hand. A removed one is
-- kept (removed_at) so that extraction does not bring it back. The value is compared byte for byte (a URL's path is
-- case-sensitive; the other types are stored in their canonical form); 700 characters keep the key within InnoDB's limit.
CREATE TABLE ticket_indicators (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    ticket_id      BIGINT       NOT NULL,
    type           VARCHAR(16)  NOT NULL,
    value          VARCHAR(700) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    origin         VARCHAR(16)  NOT NULL,
    note           VARCHAR(255) NULL,
    added_at       DATETIME(6)  NOT NULL,
    added_by       VARCHAR(190) NOT NULL,
    removed_at     DATETIME(6)  NULL,
    removed_by     VARCHAR(190) NULL,
    removed_reason VARCHAR(255) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_ticket_indicators_value (ticket_id, type, value),
    KEY ix_ticket_indicators_type_value (type, value),
    CONSTRAINT fk_ticket_indicators_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How far extraction has read a ticket's history: only newer entries are read again.
CREATE TABLE indicator_scans (
    ticket_id       BIGINT NOT NULL,
    last_history_id BIGINT NOT NULL,
    PRIMARY KEY (ticket_id),
    CONSTRAINT fk_indicator_scans_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- SEC01-announce: the closure report of an incident as sent, with its optional attachment; a reopened incident
-- closed again has a second one.
CREATE TABLE incident_closures (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    incident_id     BIGINT       NOT NULL,
    report          MEDIUMTEXT   NOT NULL,
    tlp             VARCHAR(8)   NOT NULL,
    attachment_name VARCHAR(255) NULL,
    attachment_type VARCHAR(127) NULL,
    attachment      LONGBLOB     NULL,
    closed_at       DATETIME(6)  NOT NULL,
    closed_by       VARCHAR(190) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_incident_closures_incident (incident_id, id),
    CONSTRAINT fk_incident_closures_incident FOREIGN KEY (incident_id) REFERENCES incidents (ticket_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
