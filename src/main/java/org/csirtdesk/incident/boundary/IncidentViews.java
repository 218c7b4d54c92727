package org.csirtdesk.incident.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.csirtdesk.incident.control.Deadlines;
import org.csirtdesk.incident.control.Incidents;
import org.csirtdesk.incident.control.StalledIncidents;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.Ticket;

/** Puts an incident's view together from its ticket, its row, its history and its sites, in one read. */
@ApplicationScoped
@Transactional
public class IncidentViews {

    @Inject
    Tickets tickets;

    @Inject
    Incidents incidents;

    @Inject
    StalledIncidents stalled;

    @Inject
    Deadlines deadlines;

    public IncidentView of(long id) {
        return of(incidents.find(id));
    }

    public IncidentView of(Incident incident) {
        Ticket ticket = tickets.find(incident.ticketId());
        StalledIncidents.LastActivity last = stalled.lastActivity(ticket.id());
        Optional<Instant> since = stalled.stalledSince(ticket, last);
        return new IncidentView(
                ticket.id(),
                incident.tag(),
                ticket.subject(),
                incidents.title(ticket),
                ticket.status().label(),
                ticket.tlp().name(),
                incident.coordinator(),
                incident.createdAt(),
                last.at(),
                since.isPresent(),
                since.orElse(null),
                deadlines.sitesOf(ticket.id()).stream()
                        .map(AffectedSiteView::of)
                        .toList(),
                incidents.reports(ticket.id()),
                IncidentView.links(ticket.id()));
    }

    /** One affected site with its deadlines, read after the change that made it. */
    public AffectedSiteView site(long id, String site) {
        return deadlines.sitesOf(id).stream()
                .filter(found -> found.site().site().equals(site.strip()))
                .findFirst()
                .map(AffectedSiteView::of)
                .orElseThrow(() -> DomainException.notFound("affected site '" + site + "' of incident #" + id));
    }

    /** The tag of an incident of SEC01; null for another Incidents ticket, such as a campaign's. */
    public String tagOf(Ticket ticket) {
        return incidents.byTicket(ticket.id()).map(Incident::tag).orElse(null);
    }
}
