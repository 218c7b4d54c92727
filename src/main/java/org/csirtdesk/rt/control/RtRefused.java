package org.csirtdesk.rt.control;

import java.util.List;

/**
 * RT understood the request and said no: a 400 (bad TicketSQL or JSON), 403 (no right, or an unknown queue on
 * creation), 404, 412 (a stale {@code If-Match}: {@link #stale()}), or a 200 {@code PUT} whose messages say that a
 * change was refused. Carries RT's own words. Trying again the same way gives the same answer.
 */
public class RtRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final List<String> messages;

    public RtRefused(int httpStatus, List<String> messages) {
        super("RT refused (" + httpStatus + "): " + String.join(" | ", messages));
        this.httpStatus = httpStatus;
        this.messages = List.copyOf(messages);
    }

    /** RT's HTTP status: 200 for a change refused inside a successful {@code PUT}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** RT's messages as it wrote them. */
    public List<String> messages() {
        return messages;
    }

    /** The ticket changed since the ETag the caller sent (412): read it again, then decide. */
    public boolean stale() {
        return httpStatus == 412;
    }

    public boolean notFound() {
        return httpStatus == 404;
    }
}
