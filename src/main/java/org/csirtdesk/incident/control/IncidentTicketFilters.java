package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketFilters;

/** The ticket search by SEC01 tag ({@code EGI-20261123-01}): the incident that carries it and the tickets under it. */
@ApplicationScoped
public class IncidentTicketFilters implements TicketFilters {

    @Override
    public Map<String, String> conditions() {
        return Map.of(
                "tag",
                "(t.id in (select i.ticketId from Incident i where i.tag = :tag) or t.id in"
                        + " (select l.key.childId from IncidentLink l where l.key.incidentId in"
                        + " (select i.ticketId from Incident i where i.tag = :tag)))");
    }
}
