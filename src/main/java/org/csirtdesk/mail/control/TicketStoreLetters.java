package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.mail.entity.Backoff;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;

/**
 * The outbox's other channel: letters that go to their ticket's contacts as the ticket's correspondence in the
 * ticket store (RT). The ticket store's replication claims them here, each claim committed before it calls RT, and
 * says how each ended; the outbox keeps one truth about every letter in both channels (its state, attempts and
 * error, shown on the desk's outbox page).
 */
@ApplicationScoped
public class TicketStoreLetters {

    /** A letter handed over: what the ticket store posts, and whether an earlier attempt may have posted it. */
    public record HandedLetter(
            long id,
            long ticketId,
            String messageId,
            String subject,
            String body,
            Integer timeWorked,
            boolean handedOverBefore) {}

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    Tickets tickets;

    @Inject
    Outbox outbox;

    /**
     * Claims up to {@code size} due letters whose ticket is among those {@code ready} answers for the batch's tickets
     * (they are in the ticket store; asked once per batch), for
     * {@code lease}: nobody else takes them meanwhile, and after a crash they are taken again once it is over. A
     * letter whose ticket is not ready waits a little, without counting an attempt.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<HandedLetter> claim(int size, Duration lease, Function<Set<Long>, Set<Long>> ready) {
        Instant now = clock.instant();
        List<OutboxMessage> due = outbox.claimDue(OutboxMessage.Channel.TICKET_STORE, now, size);
        Set<Long> readyTickets = due.isEmpty()
                ? Set.of()
                : ready.apply(due.stream().map(OutboxMessage::ticketId).collect(Collectors.toSet()));
        List<HandedLetter> handed = new ArrayList<>();
        for (OutboxMessage message : due) {
            if (!readyTickets.contains(message.ticketId())) {
                message.waitUntil(now.plusSeconds(2));
                continue;
            }
            boolean before = message.handedOverBefore();
            message.handedOver(now, now.plus(lease));
            handed.add(new HandedLetter(
                    message.id(),
                    message.ticketId(),
                    message.messageId(),
                    message.subject(),
                    message.body(),
                    message.timeWorked(),
                    before));
        }
        return handed;
    }

    /** The ticket store took the letter. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void delivered(long id) {
        em.find(OutboxMessage.class, id).sent(clock.instant());
    }

    /**
     * The ticket store did not answer; tried again after the store's own backoff (it may keep letters waiting longer
     * than an SMTP server would). {@code reached}: the attempt may have reached it, so the next one looks first.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void retryLater(long id, String reason, boolean reached, Backoff backoff) {
        OutboxMessage message = em.find(OutboxMessage.class, id);
        if (!reached) {
            message.notReached();
        }
        if (message.failedForNow(reason, clock.instant(), backoff)) {
            noteOnTicket(message);
        }
    }

    /** The ticket store refused the letter for good; said on its ticket with the store's words. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(long id, String reason) {
        OutboxMessage message = em.find(OutboxMessage.class, id);
        message.failedForGood(reason);
        noteOnTicket(message);
    }

    private void noteOnTicket(OutboxMessage message) {
        tickets.addMessage(
                message.ticketId(),
                null,
                HistoryType.COMMENT,
                "The letter \"" + message.subject() + "\" (" + message.kind() + ", " + message.messageId()
                        + ") was not posted to the ticket's correspondence and will not be tried again: "
                        + message.lastError(),
                Sender.ACTOR);
    }
}
