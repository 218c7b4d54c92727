package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.csirtdesk.mail.entity.BouncedRecipient;
import org.csirtdesk.mail.entity.LetterBounced;
import org.csirtdesk.mail.entity.MailBounce;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.Unreachable;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;

/**
 * What bounces did to our letters: each bounced recipient kept, the letter marked {@code bounced}, its ticket told
 * who is not reachable and why, and the feature that wrote it told ({@link LetterBounced}). A contact is not
 * reachable while the latest letter sent to it bounced.
 */
@ApplicationScoped
@Transactional
public class Bounces {

    /** The history's actor of what a bounce says: the mail system, not a person. */
    public static final String ACTOR = "mail-system";

    @PersistenceContext
    EntityManager em;

    @Inject
    Tickets tickets;

    @Inject
    Event<LetterBounced> bouncedLetters;

    /** Records a bounce of the letter, which the incoming mail {@code mailId} is, at {@code at}: in the mail's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(OutboxMessage letter, List<BouncedRecipient> failed, long mailId, Instant at) {
        for (BouncedRecipient recipient : failed) {
            em.persist(new MailBounce(letter.id(), recipient.recipient(), recipient.reason(), mailId, at));
        }
        String reason = failed.stream()
                .map(recipient -> (recipient.recipient() == null ? "a recipient" : recipient.recipient()) + ": "
                        + recipient.reason())
                .collect(Collectors.joining("; "));
        letter.bounced(reason);
        em.flush();
        Set<String> bounced = em.createNamedQuery(MailBounce.OF_MESSAGES, MailBounce.class)
                .setParameter("messages", List.of(letter.id()))
                .getResultStream()
                .map(MailBounce::recipient)
                .filter(recipient -> recipient != null)
                .map(recipient -> recipient.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        boolean everyRecipient = letter.recipients().stream()
                .allMatch(recipient -> bounced.contains(recipient.toLowerCase(Locale.ROOT)));
        if (letter.ticketId() != null) {
            tickets.addMessage(
                    letter.ticketId(),
                    null,
                    HistoryType.COMMENT,
                    "Not reachable: our letter \"" + letter.subject() + "\" (" + letter.kind() + ", "
                            + letter.messageId()
                            + ") bounced for " + reason
                            + (everyRecipient ? ".\nIt reached none of its recipients." : "."),
                    ACTOR);
        }
        bouncedLetters.fire(new LetterBounced(
                letter.key(), letter.ticketId(), letter.subject(), List.copyOf(bounced), everyRecipient, reason));
    }

    /** The bounces of these messages, by message, in the order they came. */
    public Map<Long, List<MailBounce>> of(Collection<Long> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        return em.createNamedQuery(MailBounce.OF_MESSAGES, MailBounce.class)
                .setParameter("messages", messages)
                .getResultStream()
                .collect(Collectors.groupingBy(MailBounce::outboxMessageId));
    }

    /** Which of these addresses are not reachable: the latest letter sent to each bounced for it. */
    public List<Unreachable> unreachable(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<String> lower = addresses.stream()
                .map(a -> a.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        Map<String, Long> latestLetter = new HashMap<>();
        em.createQuery(
                        "select r.email, max(m.id) from OutboxMessage m join m.recipients r where r.email in :addresses "
                                + "and m.state in :sent group by r.email",
                        Object[].class)
                .setParameter("addresses", lower)
                .setParameter("sent", List.of(OutboxMessage.State.SENT, OutboxMessage.State.BOUNCED))
                .getResultStream()
                .forEach(row ->
                        latestLetter.merge(((String) row[0]).toLowerCase(Locale.ROOT), (Long) row[1], Math::max));
        if (latestLetter.isEmpty()) {
            return List.of();
        }
        return em
                .createNamedQuery(MailBounce.OF_MESSAGES, MailBounce.class)
                .setParameter("messages", Set.copyOf(latestLetter.values()))
                .getResultStream()
                .filter(bounce -> bounce.recipient() != null)
                .filter(bounce -> latestLetter
                        .getOrDefault(bounce.recipient().toLowerCase(Locale.ROOT), -1L)
                        .equals(bounce.outboxMessageId()))
                .collect(Collectors.toMap(
                        bounce -> bounce.recipient().toLowerCase(Locale.ROOT),
                        bounce -> new Unreachable(
                                bounce.recipient().toLowerCase(Locale.ROOT),
                                bounce.at(),
                                bounce.reason(),
                                bounce.outboxMessageId()),
                        (first, second) -> first))
                .values()
                .stream()
                .sorted((a, b) -> a.address().compareTo(b.address()))
                .toList();
    }
}
