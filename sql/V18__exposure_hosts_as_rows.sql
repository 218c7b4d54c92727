-- A site with thousands of hosts: the open hosts of an exposure and of its events were one TEXT column each
-- (64 KiB, about 4,000 host names), and a larger site made every report fail. An exposure's open hosts are the
-- hosts of its open findings, read from findings where they are shown; an event keeps the hosts it named, one row
-- each. Host names hold no quote or backslash (the intake checks them), so JSON_TABLE can split the old lists.

CREATE TABLE exposure_event_hosts (
    event_id BIGINT       NOT NULL,
    host     VARCHAR(255) NOT NULL,
    PRIMARY KEY (event_id, host),
    CONSTRAINT fk_exposure_event_hosts_event FOREIGN KEY (event_id) REFERENCES exposure_events (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT IGNORE INTO exposure_event_hosts (event_id, host)
SELECT e.id, listed.host
FROM exposure_events e,
     JSON_TABLE(CONCAT('["', REPLACE(e.hosts, '\n', '","'), '"]'), '$[*]' COLUMNS (host VARCHAR(255) PATH '$')) listed
WHERE e.hosts <> '';

-- Rows of the history, like the events they belong to.
CREATE TRIGGER exposure_event_hosts_no_update BEFORE UPDATE ON exposure_event_hosts FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'exposure events are append-only';
CREATE TRIGGER exposure_event_hosts_no_delete BEFORE DELETE ON exposure_event_hosts FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'exposure events are append-only';

ALTER TABLE exposure_events DROP COLUMN hosts;
ALTER TABLE exposures DROP COLUMN hosts;
