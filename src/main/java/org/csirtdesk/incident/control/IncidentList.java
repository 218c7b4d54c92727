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
 * (SEC01-coordinator), as {@link Incident#LIST} selects them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentList {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    IncidentSettings settings;

    /** {@code stalled} null: stalled or not. */
    public List<Incident> find(String status, String coordinator, Boolean stalled, int offset, int size) {
        Status wanted = status == null || status.isBlank()
                ? null
                : Status.parse(status)
                        .filter(Queue.INCIDENTS.lifecycle()::has)
                        .orElseThrow(() -> DomainException.invalid(
                                "status",
                                "'" + status + "' is no status of an incident: " + "open, resolved or abandoned"));
        return em.createNamedQuery(Incident.LIST, Incident.class)
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
