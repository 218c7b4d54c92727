package org.csirtdesk.incident.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A security incident: its ticket's subject, status and TLP, its tag and coordinator, whether it is stalled and since
 * when (SEC01-coordinator), its affected sites and reports, and where its parts are in the API.
 */
public record IncidentView(
        long id,
        String tag,
        String subject,
        String title,
        String status,
        String tlp,
        String coordinator,
        Instant createdAt,
        Instant lastActivityAt,
        boolean stalled,
        Instant stalledSince,
        List<AffectedSiteView> affectedSites,
        List<Long> reports,
        Map<String, String> links) {

    static Map<String, String> links(long id) {
        String base = "/api/incidents/" + id;
        return Map.of(
                "ticket",
                "/api/tickets/" + id,
                "history",
                "/api/tickets/" + id + "/history",
                "indicators",
                base + "/indicators",
                "csv",
                base + "/indicators.csv",
                "stix",
                base + "/indicators.stix.json",
                "announcements",
                base + "/announcements",
                "closure",
                base + "/closure",
                "sites",
                base + "/sites",
                "coordinator",
                base + "/coordinator",
                "outbox",
                "/api/outbox?ticket=" + id);
    }
}
