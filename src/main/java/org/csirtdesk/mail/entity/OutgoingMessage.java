package org.csirtdesk.mail.entity;

import java.util.List;
import java.util.stream.Stream;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A message to send. {@code key} names its cause ("status-change-12/operator-request"): a cause produces one
 * message however often it runs, and the Message-ID is derived from the key, so a resend is the same mail.
 */
public record OutgoingMessage(
        String key,
        String kind,
        Long ticketId,
        Tlp tlp,
        List<String> to,
        List<String> cc,
        String subject,
        String body) {

    public OutgoingMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a message needs a recipient: " + key);
        }
    }

    /** To, then Cc. */
    public List<String> recipients() {
        return Stream.concat(to.stream(), cc.stream()).toList();
    }
}
