package org.csirtdesk.mail.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The headers a message goes out with, besides From, To and Cc: the subject with the ticket's tag and the TLP label
 * (each once: many templates write them already), the thread of the ticket's earlier messages, whether it is
 * automatic mail (RFC 3834), and our own loop-prevention header, which the incoming side looks for.
 *
 * @param references the ticket's earlier Message-IDs, oldest first, cut to the first and the latest ones
 */
public record MailHeaders(
        String messageId,
        String subject,
        Optional<String> inReplyTo,
        List<String> references,
        boolean automatic,
        String loop) {

    /** Our loop-prevention header; its value is the instance's mail domain. */
    public static final String LOOP = "X-CSIRT-Desk-Loop";
    /** RFC 5322 allows trimming References as long as the first one stays; ten keep a campaign's thread whole. */
    static final int MOST_REFERENCES = 10;
    /**
     * Letters a person wrote (a CSIRT member's answer on a case, a reply on a ticket, a forward): not automatic mail (RFC 3834),
     * so an auto-reply may answer them, as it would any person's mail.
     */
    static final Set<String> WRITTEN_BY_PEOPLE = Set.of("sec03-answer", "ticket-reply", "ticket-forward");

    public MailHeaders {
        references = List.copyOf(references);
    }

    /**
     * @param earlier    the Message-IDs of the ticket's earlier messages, oldest first
     * @param tagPrefix  {@code csirt.ticket.tag-prefix}: "CSIRT" tags subjects {@code [CSIRT #123]}
     * @param domain     the instance's mail domain, the loop header's value
     */
    public static MailHeaders of(OutboxMessage message, List<String> earlier, String tagPrefix, String domain) {
        // A letter that answers one mail in particular (a reply from the history) threads to it, after the rest.
        List<String> thread = new ArrayList<>(earlier);
        message.inReplyTo().ifPresent(answered -> {
            thread.remove(answered);
            thread.add(answered);
        });
        return new MailHeaders(
                message.messageId(),
                subject(message, tagPrefix),
                thread.isEmpty() ? Optional.empty() : Optional.of(thread.get(thread.size() - 1)),
                trimmed(thread),
                !WRITTEN_BY_PEOPLE.contains(message.kind()),
                domain);
    }

    /**
     * The subject as it goes out by SMTP: the row's, with the TLP label at the end and the ticket's tag in front,
     * each once ({@link Subject}).
     */
    public static String subject(OutboxMessage message, String tagPrefix) {
        Subject subject = new Subject(message.subject()).withTlp(message.tlp());
        if (message.ticketId() != null) {
            subject = subject.withTag("[" + tagPrefix + " #" + message.ticketId() + "]");
        }
        return subject.text();
    }

    /**
     * The subject as it is sent through the row's channel: by SMTP as {@link #subject} composes it; a letter handed
     * to the ticket store (RT) as the row has it, RT putting its own tag in front.
     */
    public static String subjectAsSent(OutboxMessage message, String tagPrefix) {
        return message.channel() == OutboxMessage.Channel.SMTP ? subject(message, tagPrefix) : message.subject();
    }

    private static List<String> trimmed(List<String> earlier) {
        if (earlier.size() <= MOST_REFERENCES) {
            return earlier;
        }
        List<String> kept = new ArrayList<>();
        kept.add(earlier.get(0));
        kept.addAll(earlier.subList(earlier.size() - (MOST_REFERENCES - 1), earlier.size()));
        return kept;
    }
}
