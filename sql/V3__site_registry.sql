-- The local copy of the site registry (GOCDB): sites, their contacts and hosts, NGIs, and the requests to
-- change a site's certification status. Each part of a site carries the time GOCDB last confirmed it.
-- Times are UTC, DATETIME(6).

CREATE TABLE ngis (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    name                  VARCHAR(100) NOT NULL,
    email                 VARCHAR(254) NULL,
    security_email        VARCHAR(254) NULL,
    confirmed_at          DATETIME(6)  NOT NULL,
    officers_confirmed_at DATETIME(6)  NULL,
    absent_since          DATETIME(6)  NULL,
    version               BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_ngis_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ngi_contacts (
    ngi_id BIGINT       NOT NULL,
    email  VARCHAR(254) NOT NULL,
    role   VARCHAR(100) NOT NULL,
    name   VARCHAR(200) NULL,
    PRIMARY KEY (ngi_id, email, role),
    CONSTRAINT fk_ngi_contacts_ngi FOREIGN KEY (ngi_id) REFERENCES ngis (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE sites (
    id                        BIGINT       NOT NULL AUTO_INCREMENT,
    primary_key               VARCHAR(32)  NOT NULL,
    gocdb_id                  VARCHAR(32)  NULL,
    name                      VARCHAR(100) NOT NULL,
    official_name             VARCHAR(255) NULL,
    ngi                       VARCHAR(100) NOT NULL,
    country_code              VARCHAR(8)   NULL,
    certification_status      VARCHAR(16)  NOT NULL,
    production_infrastructure VARCHAR(32)  NULL,
    time_zone                 VARCHAR(64)  NULL,
    contact_email             VARCHAR(254) NULL,
    csirt_email               VARCHAR(254) NULL,
    portal_url                VARCHAR(512) NULL,
    confirmed_at              DATETIME(6)  NOT NULL,
    security_confirmed_at     DATETIME(6)  NULL,
    contacts_confirmed_at     DATETIME(6)  NULL,
    hosts_confirmed_at        DATETIME(6)  NULL,
    absent_since              DATETIME(6)  NULL,
    version                   BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_sites_primary_key (primary_key),
    UNIQUE KEY ux_sites_name (name),
    KEY ix_sites_ngi (ngi),
    KEY ix_sites_status (certification_status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE site_contacts (
    site_id BIGINT       NOT NULL,
    email   VARCHAR(254) NOT NULL,
    role    VARCHAR(100) NOT NULL,
    name    VARCHAR(200) NULL,
    PRIMARY KEY (site_id, email, role),
    KEY ix_site_contacts_email (email),
    CONSTRAINT fk_site_contacts_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE site_hosts (
    site_id      BIGINT       NOT NULL,
    hostname     VARCHAR(255) NOT NULL,
    service_type VARCHAR(100) NOT NULL,
    PRIMARY KEY (site_id, hostname, service_type),
    KEY ix_site_hosts_hostname (hostname),
    CONSTRAINT fk_site_hosts_site FOREIGN KEY (site_id) REFERENCES sites (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row: the refresh that runs (claimed by one instance at a time) and how the last ones ended.
CREATE TABLE site_registry_state (
    id                   SMALLINT      NOT NULL,
    running_since        DATETIME(6)   NULL,
    running_on           VARCHAR(100)  NULL,
    last_attempt_at      DATETIME(6)   NULL,
    last_success_at      DATETIME(6)   NULL,
    last_failure_at      DATETIME(6)   NULL,
    last_error           VARCHAR(2000) NULL,
    consecutive_failures INT           NOT NULL DEFAULT 0,
    last_duration_ms     BIGINT        NULL,
    last_summary         VARCHAR(500)  NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO site_registry_state (id) VALUES (1);

CREATE TABLE site_status_changes (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    site_id           BIGINT        NOT NULL,
    from_status       VARCHAR(16)   NOT NULL,
    target_status     VARCHAR(16)   NOT NULL,
    reason            VARCHAR(300)  NOT NULL,
    ticket_id         BIGINT        NULL,
    channel           VARCHAR(32)   NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    requested_by      VARCHAR(190)  NOT NULL,
    requested_at      DATETIME(6)   NOT NULL,
    submitted_at      DATETIME(6)   NULL,
    submit_attempts   INT           NOT NULL,
    -- Who submits is claimed here (a lease), so a request is never handed to its channel twice at once.
    submit_claimed_at DATETIME(6)   NULL,
    last_submit_error VARCHAR(1000) NULL,
    confirmed_at      DATETIME(6)   NULL,
    changed_in_gocdb_by VARCHAR(255) NULL,
    closed_at         DATETIME(6)   NULL,
    outcome           VARCHAR(1000) NULL,
    last_checked_at   DATETIME(6)   NULL,
    last_check_error  VARCHAR(1000) NULL,
    version           BIGINT        NOT NULL,
    -- At most one open request per site, whoever asks and however many instances run.
    open_site_id      BIGINT AS (CASE WHEN state IN ('REQUESTED', 'SUBMITTED') THEN site_id END) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE KEY ux_site_status_changes_open (open_site_id),
    KEY ix_site_status_changes_state (state, id),
    KEY ix_site_status_changes_site (site_id, id),
    CONSTRAINT fk_site_status_changes_site FOREIGN KEY (site_id) REFERENCES sites (id),
    CONSTRAINT fk_site_status_changes_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The embedded registry of the zero-setup run: its sites come from GOCDB-format XML in the WAR, and the
-- status changes made in it are kept here, as GOCDB keeps them (get_cert_status_changes).
CREATE TABLE embedded_registry_status_changes (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    site       VARCHAR(100) NOT NULL,
    old_status VARCHAR(16)  NOT NULL,
    new_status VARCHAR(16)  NOT NULL,
    reason     VARCHAR(300) NOT NULL,
    changed_by VARCHAR(190) NOT NULL,
    changed_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_embedded_registry_status_changes_site (site, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
