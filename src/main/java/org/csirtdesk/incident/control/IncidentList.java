package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;

/** The incidents of SEC01, newest first, by their ticket's status and their coordinator. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentList {

    @PersistenceContext
    EntityManager em;

    public List<Incident> find(String status, String coordinator, int offset, int size) {
        Status wanted = status == null || status.isBlank() ? null : Status.parse(status)
                .filter(Queue.INCIDENTS.lifecycle()::has)
                .orElseThrow(() -> DomainException.invalid("status", "'" + status + "' is no status of an incident: "
                        + "open, resolved or abandoned"));
        return em.createQuery("select i from Incident i where (:coordinator is null or i.coordinator = :coordinator) "
                        + "and (:status is null or i.ticketId in (select t.id from Ticket t where t.status = :status)) "
                        + "order by i.ticketId desc", Incident.class)
                .setParameter("coordinator", coordinator == null || coordinator.isBlank() ? null : coordinator.strip())
                .setParameter("status", wanted)
                .setFirstResult(offset)
                .setMaxResults(size)
                .getResultList();
    }
}
