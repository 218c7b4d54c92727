package org.csirtdesk.inbox.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * The CDI event of a mail that answers one of our letters that was sent before its cause had a ticket (a SEC03
 * advisory to one site, sent days before the site's case opens its ticket). The feature that wrote the letter
 * knows its cause by the letter's outbox key, and may name the ticket the reply belongs to, opening it if need be
 * ({@link #threadTo}); the mail then goes there as a reply would. Raised inside the mail's transaction, before the
 * mail is stored; with no ticket named, the mail opens an Incident Report that says which letter it answers.
 */
public final class TicketlessLetterAnswered {

    private final String letterKey;
    private final String from;
    private Long ticketId;

    public TicketlessLetterAnswered(String letterKey, String from) {
        this.letterKey = Objects.requireNonNull(letterKey);
        this.from = from;
    }

    /** The outbox key of the letter answered, which names its cause ("sec03/case-12/advisory"). */
    public String letterKey() {
        return letterKey;
    }

    /** The reply's sender, as the mail gives it (may be null). */
    public String from() {
        return from;
    }

    /** The reply belongs to this ticket. */
    public void threadTo(long ticket) {
        this.ticketId = ticket;
    }

    public Optional<Long> ticketId() {
        return Optional.ofNullable(ticketId);
    }
}
