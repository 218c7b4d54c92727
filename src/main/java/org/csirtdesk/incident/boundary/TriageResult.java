package org.csirtdesk.incident.boundary;

import java.util.List;

/** What a triage did: the report's new status, and the incident it joined or opened (none when rejected). */
public record TriageResult(
        String decision, long report, String reportStatus, IncidentView incident, List<SharedIndicator> shared) {}
