-- Issue 19, SEC01 (V23; two changes in one migration, as the lead asked).
--
-- SEC01-tlp: each indicator carries the TLP of the text it came from, the strictest where it appears several times,
-- so that a letter or export of a TLP takes only the indicators at or below it. Indicators recorded before carry their
-- ticket's TLP, the one they were shared under until now.
ALTER TABLE ticket_indicators ADD COLUMN tlp VARCHAR(8) NULL AFTER origin;
UPDATE ticket_indicators i JOIN tickets t ON t.id = i.ticket_id SET i.tlp = t.tlp;
ALTER TABLE ticket_indicators MODIFY tlp VARCHAR(8) NOT NULL;

-- SEC01-announce: a site's own domain (GOCDB's DOMAIN/DOMAIN_NAME) is no indicator of compromise: publishing it would
-- have the sharing platforms alert on or block the victim. Filled by the next refresh of the registry.
ALTER TABLE sites ADD COLUMN domain VARCHAR(253) NULL AFTER portal_url;
