/**
 * What monitoring reports: findings from Prometheus Alertmanager, Pakiti and ARGO, deduplicated by
 * (source, site, vulnerability, host); the exposure of each site to each vulnerability derived from them,
 * whose changes (vulnerable, clear, re-introduced) are events later features act on; and, for a
 * vulnerability no campaign covers yet, the Incident Report that collects its sites and hosts for triage.
 */
package org.csirtdesk.finding;
