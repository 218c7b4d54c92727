-- Every response of a site on its SEC03 case (SEC03-2.7, SEC03-4.1.2), by mail or recorded by hand, kept whole: the
-- OMB summary quotes each one in order. The case's site_statement and site_plan only keep the latest, and a one-line
-- follow-up used to erase the administrator's reasons and plan. Append-only, like case_events.
-- (V21, not V20: V20 is taken by the inbox's migration of issue 18, written at the same time.)
CREATE TABLE case_responses (
    id        BIGINT       NOT NULL AUTO_INCREMENT,
    case_id   BIGINT       NOT NULL,
    actor     VARCHAR(190) NOT NULL,
    at        DATETIME(6)  NOT NULL,
    statement TEXT         NULL,
    plan      TEXT         NULL,
    PRIMARY KEY (id),
    KEY ix_case_responses_case (case_id, id),
    CONSTRAINT fk_case_responses_case FOREIGN KEY (case_id) REFERENCES campaign_cases (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER case_responses_no_update BEFORE UPDATE ON case_responses FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'case_responses is append-only';
CREATE TRIGGER case_responses_no_delete BEFORE DELETE ON case_responses FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'case_responses is append-only';

-- The responses recorded before this table: each is a SITE_RESPONDED case event, whose detail is
-- "site responded: <statement>\nPlan: <plan>" (at most 2000 characters). Kept as the statement, plan included.
INSERT INTO case_responses (case_id, actor, at, statement, plan)
SELECT case_id,
       actor,
       at,
       CASE WHEN detail LIKE 'site responded: %' THEN SUBSTRING(detail, 17)
            WHEN detail LIKE 'site responded\nPlan: %' THEN SUBSTRING(detail, 16)
            ELSE detail END,
       NULL
FROM case_events
WHERE kind = 'SITE_RESPONDED'
ORDER BY id;
