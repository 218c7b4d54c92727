package org.csirtdesk.incident.control;

import org.csirtdesk.ticket.entity.Tlp;

/**
 * What the security officer on duty decided about an Incident Report (SEC01): reject it, link it to a known
 * incident, or open a new incident for it. {@code incident} is for a link; {@code title}, {@code tlp} and
 * {@code coordinator} for a new incident, each with a default (the report's subject and TLP, the caller).
 */
public record Triage(Decision decision, String reason, Long incident, String title, Tlp tlp, String coordinator) {

    public enum Decision {
        REJECT,
        LINK,
        NEW
    }
}
