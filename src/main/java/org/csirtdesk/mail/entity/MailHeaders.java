package org.csirtdesk.mail.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** Letters a person wrote (a CSIRT member's answer): not automatic mail, so an auto-reply may answer them. */
    static final Set<String> WRITTEN_BY_PEOPLE = Set.of("sec03-answer");

    public MailHeaders {
        references = List.copyOf(references);
    }

    /**
     * @param earlier    the Message-IDs of the ticket's earlier messages, oldest first
     * @param tagPrefix  {@code csirt.ticket.tag-prefix}: "CSIRT" tags subjects {@code [CSIRT #123]}
     * @param domain     the instance's mail domain, the loop header's value
     */
    public static MailHeaders of(OutboxMessage message, List<String> earlier, String tagPrefix, String domain) {
        return new MailHeaders(
                message.messageId(),
                subject(message, tagPrefix),
                earlier.isEmpty() ? Optional.empty() : Optional.of(earlier.get(earlier.size() - 1)),
                trimmed(earlier),
                !WRITTEN_BY_PEOPLE.contains(message.kind()),
                domain);
    }

    static String subject(OutboxMessage message, String tagPrefix) {
        String subject = message.subject().strip();
        String lower = subject.toLowerCase(Locale.ROOT);
        String label = "TLP:" + message.tlp().name();
        if (!lower.contains(label.toLowerCase(Locale.ROOT))) {
            subject = subject + " [" + label + "]";
        }
        if (message.ticketId() != null) {
            String tag = "[" + tagPrefix + " #" + message.ticketId() + "]";
            if (!lower.contains(tag.toLowerCase(Locale.ROOT))) {
                // A reply keeps its "Re:" in front, as mail clients write it.
                boolean reply = lower.startsWith("re:");
                subject = reply
                        ? subject.substring(0, 3) + " " + tag + " "
                                + subject.substring(3).strip()
                        : tag + " " + subject;
            }
        }
        return subject;
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
