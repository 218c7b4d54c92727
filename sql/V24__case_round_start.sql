-- SEC03-3.1: a re-introduction starts a new round of a case with no response: the responses of earlier rounds
-- (case_responses) stay on record but are no longer quoted as the site's answer. NULL: the first round, which
-- began when the case opened. A case already in a later round takes the time of its last re-introduction.
ALTER TABLE campaign_cases ADD COLUMN round_started_at DATETIME(6) NULL;

UPDATE campaign_cases c
SET c.round_started_at = (SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'REINTRODUCED')
WHERE c.round_no > 1;
