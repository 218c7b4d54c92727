package org.csirtdesk.rt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.rt.entity.RtJob;
import org.csirtdesk.ticket.control.TicketStore;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.TicketChanged;

/**
 * Turns each change of a ticket into the replication job that carries it into RT, in the change's own transaction:
 * the job exists exactly when the change does. Correspondence is not a job: letters go to RT through the outbox's
 * ticket-store channel.
 */
@ApplicationScoped
public class RtReplication {

    @PersistenceContext
    EntityManager em;

    @Inject
    TicketStore store;

    @Inject
    ApplicationClock clock;

    @Inject
    RtTransactionScope transaction;

    @Inject
    RtJobs jobs;

    void onTicketChanged(@Observes TicketChanged change) {
        if (!store.inRt() || transaction.isMirroringRt()) {
            return;
        }
        Instant now = clock.instant();
        switch (change.type()) {
            case CREATE -> {
                em.persist(new RtJob(RtJob.Kind.CREATE, change.ticketId(), null, now));
                transaction.created(change.ticketId());
            }
            case COMMENT -> em.persist(new RtJob(RtJob.Kind.COMMENT, change.ticketId(), change.historyId(), now));
            case CORRESPOND -> {
                // The letter itself goes to RT from the outbox; the status it may have opened is RT's own rule too.
            }
            case LINK, UNLINK -> {
                // Links are put from the child (RT's MemberOf) and from the referring ticket (RefersTo); a child
                // created in this transaction carries its incident.
                boolean putFromHere = "incident".equals(change.field()) || Tickets.REFERS_TO.equals(change.field());
                if (putFromHere && !transaction.wasCreated(change.ticketId())) {
                    jobs.armUpdate(change.ticketId());
                }
            }
            case STATUS, FIELD, OWNER -> jobs.armUpdate(change.ticketId());
            case MERGE -> {
                // REST2 has no merge: each copy in RT gets a note naming the other, and the merged one is closed.
                em.persist(new RtJob(RtJob.Kind.COMMENT, change.ticketId(), change.historyId(), now));
                jobs.armUpdate(change.ticketId());
            }
        }
    }
}
