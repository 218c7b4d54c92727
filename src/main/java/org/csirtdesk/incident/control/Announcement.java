package org.csirtdesk.incident.control;

import java.util.List;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A letter about an incident to send: its text, its TLP (the incident's when not given), and named recipients
 * instead of the lists; TLP:RED needs them.
 */
public record Announcement(String text, Tlp tlp, List<String> to, boolean withIndicators) {

    public Announcement {
        to = to == null ? List.of() : List.copyOf(to);
    }
}
