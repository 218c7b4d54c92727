/**
 * The critical vulnerability procedure (SEC03): campaigns (an Incident each), one case per affected site with its
 * Investigation, their steps planned on the schedule and run when its heartbeat announces them, escalation to
 * noc-managers, decisions, suspension through the site registry and reinstatement. It decides where a monitoring change goes: to the site's case, or,
 * when no campaign covers the vulnerability, to the finding feature's Incident Report.
 */
package org.csirtdesk.campaign;
