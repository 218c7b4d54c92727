/**
 * Security incidents by SEC01: the triage of an Incident Report (rejected, linked to a known incident, or a new
 * Incident with its tag {@code EGI-YYYYMMDD-NN} from a per-day database counter), the indicators of compromise of
 * every ticket (extracted from its texts and mails, or added by hand) and the related incidents they suggest, the
 * coordinator of each incident and the stalled ones, the affected sites with their Investigations and SEC01
 * deadlines (steps on the schedule, owned by the deadline, whose heartbeat announces them as {@code StepDue}), the
 * announcements, updates and closure report to the security lists with their TLP, and the export of an incident's
 * indicators as CSV and STIX 2.1. It owns the tables of {@code V13__security_incidents.sql} and {@code V15__sec01_deadlines.sql}
 * (and owns the deadline steps on the schedule); tickets, their history
 * and links stay the ticket feature's.
 */
package org.csirtdesk.incident;
