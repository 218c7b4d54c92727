/**
 * The statistics the CSIRT reports (issue 8, "Statistics"): for a period of days in the CSIRT's time zone, what came
 * in, what was worked on and closed per queue, incidents, vulnerability cases per CVE, suspensions, messages sent,
 * sites that needed the final warning, and the times to first response and to resolution in working days. Every
 * figure is an SQL aggregation over the history, read in one consistent snapshot; no ticket is loaded as an entity.
 * The feature owns no tables: it reads the ticket, campaign and outbox tables (indexes in V14).
 */
package org.csirtdesk.report;
