package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.csirtdesk.ticket.control.MergeRefusals;

/** A vulnerability's Incident Report takes every new finding of it: merged away, the findings would have nowhere to go. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FindingMergeRefusals implements MergeRefusals {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<String> refusal(long ticketId) {
        return em.createQuery("select v.id from Vulnerability v where v.reportTicket = :ticket", String.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .findFirst()
                .map(cve -> "is the report of the findings of " + cve);
    }
}
