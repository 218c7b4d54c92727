-- RT-IR's usual custom fields, so a fresh installation has the fields its users know.
INSERT INTO custom_fields (queue, name, type, description) VALUES
    ('INCIDENT_REPORTS', 'How Reported', 'SELECT', 'The channel the report came in by'),
    ('INCIDENT_REPORTS', 'Reporter Type', 'SELECT', 'Who reported it'),
    ('INCIDENT_REPORTS', 'IP', 'TEXT', 'Addresses named in the report'),
    ('INCIDENTS', 'Classification', 'SELECT', 'What kind of incident this is'),
    ('INCIDENTS', 'Resolution', 'SELECT', 'How the incident ended'),
    ('INCIDENTS', 'Description', 'TEXT', 'A one-line summary'),
    ('INVESTIGATIONS', 'IP', 'TEXT', 'Addresses of the affected hosts'),
    ('INVESTIGATIONS', 'Discovered At', 'DATE_TIME', 'When the site discovered the incident (SEC01: report within 4 hours)'),
    ('COUNTERMEASURES', 'Action', 'SELECT', 'What is done against the site or address'),
    ('COUNTERMEASURES', 'Where Blocked', 'TEXT', 'Where the countermeasure is applied');

INSERT INTO custom_field_options (field_id, position, value)
SELECT f.id, o.position, o.value
FROM custom_fields f
JOIN (
    SELECT 'INCIDENT_REPORTS' AS queue, 'How Reported' AS name, 0 AS position, 'Monitoring' AS value UNION ALL
    SELECT 'INCIDENT_REPORTS', 'How Reported', 1, 'Email' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'How Reported', 2, 'Telephone' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'How Reported', 3, 'Other' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'Reporter Type', 0, 'Site' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'Reporter Type', 1, 'NGI' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'Reporter Type', 2, 'Peer CSIRT' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'Reporter Type', 3, 'Monitoring' UNION ALL
    SELECT 'INCIDENT_REPORTS', 'Reporter Type', 4, 'Other' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 0, 'Critical vulnerability' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 1, 'System compromise' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 2, 'Account compromise' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 3, 'Denial of service' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 4, 'Malware' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 5, 'Scan' UNION ALL
    SELECT 'INCIDENTS', 'Classification', 6, 'Other' UNION ALL
    SELECT 'INCIDENTS', 'Resolution', 0, 'successfully resolved' UNION ALL
    SELECT 'INCIDENTS', 'Resolution', 1, 'no resolution reached' UNION ALL
    SELECT 'INCIDENTS', 'Resolution', 2, 'no response from site' UNION ALL
    SELECT 'INCIDENTS', 'Resolution', 3, 'resolved by third party' UNION ALL
    SELECT 'COUNTERMEASURES', 'Action', 0, 'Site suspension' UNION ALL
    SELECT 'COUNTERMEASURES', 'Action', 1, 'Block address' UNION ALL
    SELECT 'COUNTERMEASURES', 'Action', 2, 'Suspend account' UNION ALL
    SELECT 'COUNTERMEASURES', 'Action', 3, 'Other'
) o ON o.queue = f.queue AND o.name = f.name;
