package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.csirtdesk.ticket.control.MergeRefusals;

/**
 * A SEC01 incident's ticket carries its tag, its deadlines and its announcements, and its indicators are kept by
 * ticket: merged away, the procedure would write to a ticket that changes no more and the IoC export would lose the
 * indicators. Merging another ticket into it is safe.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentMergeRefusals implements MergeRefusals {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<String> refusal(long ticketId) {
        Optional<String> incident = em.createQuery(
                        "select i.tag from Incident i where i.ticketId = :ticket", String.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .findFirst()
                .map(tag -> "is the security incident " + tag);
        if (incident.isPresent()) {
            return incident;
        }
        long indicators = em.createQuery("select count(i) from Indicator i where i.ticketId = :ticket", Long.class)
                .setParameter("ticket", ticketId)
                .getSingleResult();
        return indicators == 0 ? Optional.empty() : Optional.of("has " + indicators + " indicators of compromise");
    }
}
