package org.csirtdesk.incident.boundary;

import java.util.List;
import org.csirtdesk.incident.control.Incidents;

/** A letter queued in the outbox: what kind, to whom, with which TLP, and its text. */
public record SentView(String kind, String subject, List<String> to, String tlp, String body) {

    static SentView of(Incidents.Sent sent) {
        return new SentView(
                sent.kind(),
                sent.letter().subject(),
                sent.to(),
                sent.tlp().name(),
                sent.letter().body());
    }
}
