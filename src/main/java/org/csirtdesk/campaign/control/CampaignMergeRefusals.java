package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.csirtdesk.ticket.control.MergeRefusals;

/**
 * A campaign's incident, a case's Investigation and a suspension's Countermeasure are written to by the procedure's
 * steps for as long as the campaign runs (reminders, decisions, GOCDB's answers): merged away, those steps would
 * write to a ticket that changes no more. Merging another ticket into one of them is safe: the survivor goes on.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CampaignMergeRefusals implements MergeRefusals {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<String> refusal(long ticketId) {
        Optional<String> incident = em.createQuery(
                        "select c.title from Campaign c where c.incidentTicketId = :ticket", String.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .findFirst()
                .map(title -> "is the incident of the campaign \"" + title + "\"");
        if (incident.isPresent()) {
            return incident;
        }
        Optional<String> kase = em.createQuery(
                        "select c.site from CampaignCase c where c.ticketId = :ticket", String.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .findFirst()
                .map(site -> "is the case of " + site + " in a campaign");
        if (kase.isPresent()) {
            return kase;
        }
        return em.createQuery("select s.site from Suspension s where s.countermeasureTicketId = :ticket", String.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .findFirst()
                .map(site -> "is the suspension of " + site);
    }
}
