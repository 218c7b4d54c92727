package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;

/**
 * The incidents of SEC01, newest first, by their ticket's status, their coordinator and whether they are stalled
 * (SEC01-coordinator). Every filter is part of the query, so that the page limit counts matching incidents only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentList {

    /**
     * Stalled as {@link StalledIncidents#stalledSince} says: the ticket is open and the last entry of its history
     * is from the cutoff or before.
     */
    private static final String STALLED = "i.ticketId in (select t.id from Ticket t where t.status = :open "
            + "and (select h.at from HistoryEntry h where h.id = "
            + "(select max(x.id) from HistoryEntry x where x.ticket = t)) <= :cutoff)";

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    IncidentSettings settings;

    /** {@code stalled} null: stalled or not. */
    public List<Incident> find(String status, String coordinator, Boolean stalled, int offset, int size) {
        Status wanted = status == null || status.isBlank() ? null : Status.parse(status)
                .filter(Queue.INCIDENTS.lifecycle()::has)
                .orElseThrow(() -> DomainException.invalid("status", "'" + status + "' is no status of an incident: "
                        + "open, resolved or abandoned"));
        return em.createQuery("select i from Incident i where (:coordinator is null or i.coordinator = :coordinator) "
                        + "and (:status is null or i.ticketId in (select t.id from Ticket t where t.status = :status)) "
                        + "and (:stalled is null or (:stalled = true and " + STALLED + ") "
                        + "or (:stalled = false and not " + STALLED + ")) "
                        + "order by i.ticketId desc", Incident.class)
                .setParameter("coordinator", coordinator == null || coordinator.isBlank() ? null : coordinator.strip())
                .setParameter("status", wanted)
                .setParameter("stalled", stalled)
                .setParameter("open", Status.OPEN)
                .setParameter("cutoff", clock.instant().minus(settings.stalledAfter()))
                .setFirstResult(offset)
                .setMaxResults(size)
                .getResultList();
    }
}
