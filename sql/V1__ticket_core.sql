-- The RT-IR style ticket core: tickets, their contacts and custom fields, incident links, history.
-- Times are UTC, DATETIME(6). Strings are utf8mb4.

CREATE TABLE tickets (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    queue       VARCHAR(32)  NOT NULL,
    subject     VARCHAR(512) NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    owner       VARCHAR(190) NULL,
    due_at      DATETIME(6)  NULL,
    tlp         VARCHAR(8)   NOT NULL,
    site        VARCHAR(100) NULL,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    version     BIGINT       NOT NULL,
    PRIMARY KEY (id),
    KEY ix_tickets_queue_status_due (queue, status, due_at),
    KEY ix_tickets_owner (owner, status),
    KEY ix_tickets_site (site, status),
    KEY ix_tickets_due (due_at),
    KEY ix_tickets_updated (updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ticket_requestors (
    ticket_id BIGINT       NOT NULL,
    email     VARCHAR(254) NOT NULL,
    PRIMARY KEY (ticket_id, email),
    KEY ix_ticket_requestors_email (email),
    CONSTRAINT fk_ticket_requestors_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ticket_cc (
    ticket_id BIGINT       NOT NULL,
    email     VARCHAR(254) NOT NULL,
    PRIMARY KEY (ticket_id, email),
    KEY ix_ticket_cc_email (email),
    CONSTRAINT fk_ticket_cc_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE custom_fields (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    queue       VARCHAR(32)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    description VARCHAR(255) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_custom_fields_queue_name (queue, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE custom_field_options (
    field_id BIGINT       NOT NULL,
    position INT          NOT NULL,
    value    VARCHAR(190) NOT NULL,
    PRIMARY KEY (field_id, position),
    CONSTRAINT fk_custom_field_options_field FOREIGN KEY (field_id) REFERENCES custom_fields (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ticket_custom_values (
    ticket_id BIGINT        NOT NULL,
    name      VARCHAR(64)   NOT NULL,
    value     VARCHAR(1024) NOT NULL,
    PRIMARY KEY (ticket_id, name),
    CONSTRAINT fk_ticket_custom_values_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ticket_links (
    child_id    BIGINT      NOT NULL,
    incident_id BIGINT      NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (child_id, incident_id),
    KEY ix_ticket_links_incident (incident_id),
    CONSTRAINT fk_ticket_links_child FOREIGN KEY (child_id) REFERENCES tickets (id),
    CONSTRAINT fk_ticket_links_incident FOREIGN KEY (incident_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ticket_history (
    id        BIGINT        NOT NULL AUTO_INCREMENT,
    ticket_id BIGINT        NOT NULL,
    type      VARCHAR(16)   NOT NULL,
    actor     VARCHAR(190)  NOT NULL,
    at        DATETIME(6)   NOT NULL,
    field     VARCHAR(64)   NULL,
    old_value VARCHAR(1024) NULL,
    new_value VARCHAR(1024) NULL,
    content   MEDIUMTEXT    NULL,
    PRIMARY KEY (id),
    KEY ix_ticket_history_ticket (ticket_id, id),
    KEY ix_ticket_history_at (at),
    CONSTRAINT fk_ticket_history_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- History is append-only and tickets are never deleted: the database itself refuses, whatever the caller.
CREATE TRIGGER ticket_history_no_update BEFORE UPDATE ON ticket_history FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket history is append-only';

CREATE TRIGGER ticket_history_no_delete BEFORE DELETE ON ticket_history FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ticket history is append-only';

CREATE TRIGGER tickets_no_delete BEFORE DELETE ON tickets FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'tickets are never deleted; reject or abandon them';
