package org.csirtdesk.incident.boundary;

/**
 * A triage decision: {@code {"decision": "reject", "reason": ...}}, {@code {"decision": "link", "incident": 12,
 * "reason": ...}} or {@code {"decision": "new", "title": ..., "tlp": "AMBER", "coordinator": "alice"}}.
 */
public record TriageRequest(
        String decision, String reason, Long incident, String title, String tlp, String coordinator) {}
