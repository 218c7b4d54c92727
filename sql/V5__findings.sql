-- Monitoring findings and what they mean for sites: one row per (source, site, vulnerability, host), the
-- exposure of a site to a vulnerability derived from them, the exposure's changes as events, and per
-- vulnerability the Incident Report that collects its findings while no campaign covers it.

-- One row per vulnerability monitoring has reported. Its row is the lock that keeps two ingests from
-- opening two Incident Reports for it.
CREATE TABLE vulnerabilities (
    id               VARCHAR(64) NOT NULL,
    first_seen_at    DATETIME(6) NOT NULL,
    report_ticket_id BIGINT      NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_vulnerabilities_report FOREIGN KEY (report_ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- site is the GOCDB short name when the registry knows the site (site_known), else what monitoring said;
-- '' when monitoring named only a host that no site has. finding_key is SHA-256 of the identity, so the
-- unique index stays small however long host names are.
CREATE TABLE findings (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    finding_key   BINARY(32)    NOT NULL,
    source        VARCHAR(16)   NOT NULL,
    site          VARCHAR(100)  NOT NULL,
    site_known    BOOLEAN       NOT NULL,
    reported_site VARCHAR(100)  NULL,
    vulnerability VARCHAR(64)   NOT NULL,
    host          VARCHAR(255)  NOT NULL,
    source_ref    VARCHAR(128)  NULL,
    detail        VARCHAR(1024) NULL,
    first_seen_at DATETIME(6)   NOT NULL,
    last_seen_at  DATETIME(6)   NOT NULL,
    observed_at   DATETIME(6)   NOT NULL,
    cleared_at    DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_findings_key (finding_key),
    KEY ix_findings_exposure (site, vulnerability, cleared_at),
    KEY ix_findings_vulnerability (vulnerability, site),
    KEY ix_findings_host (host)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A site's exposure to a vulnerability: VULNERABLE while any of its hosts has an open finding.
CREATE TABLE exposures (
    site              VARCHAR(100)  NOT NULL,
    vulnerability     VARCHAR(64)   NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    site_known        BOOLEAN       NOT NULL,
    hosts             TEXT          NOT NULL,
    open_hosts        INT           NOT NULL,
    observed_at       DATETIME(6)   NULL,
    vulnerable_since  DATETIME(6)   NULL,
    cleared_at        DATETIME(6)   NULL,
    times_vulnerable  INT           NOT NULL,
    reintroduced      BOOLEAN       NOT NULL,
    version           BIGINT        NOT NULL,
    PRIMARY KEY (site, vulnerability),
    KEY ix_exposures_vulnerability (vulnerability, state),
    KEY ix_exposures_state (state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The exposure changes later features act on ("the site has acted"), and the history of who was
-- vulnerable when. Append-only.
CREATE TABLE exposure_events (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    site          VARCHAR(100)  NOT NULL,
    vulnerability VARCHAR(64)   NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    reintroduced  BOOLEAN       NOT NULL,
    hosts         TEXT          NOT NULL,
    observed_at   DATETIME(6)   NULL,
    at            DATETIME(6)   NOT NULL,
    source        VARCHAR(16)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_exposure_events_exposure (site, vulnerability, id),
    KEY ix_exposure_events_vulnerability (vulnerability, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER exposure_events_no_update BEFORE UPDATE ON exposure_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'exposure events are append-only';

CREATE TRIGGER exposure_events_no_delete BEFORE DELETE ON exposure_events FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'exposure events are append-only';
