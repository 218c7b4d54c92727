package org.csirtdesk.rt.control;

/**
 * RT did not answer usefully: connection refused, a timeout, a 5xx, the circuit open, a login refused, a 401 after a
 * fresh login, or an answer that is not RT's JSON. Trying again later may work.
 */
public class RtUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean maybeDone;

    public RtUnavailable(String message, boolean maybeDone) {
        super(message);
        this.maybeDone = maybeDone;
    }

    public RtUnavailable(String message, boolean maybeDone, Throwable cause) {
        super(message, cause);
        this.maybeDone = maybeDone;
    }

    /**
     * The request may have reached RT and taken effect (a timeout after it was sent, a 5xx): before repeating a
     * create, correspondence or comment, the caller must look whether it happened. False when RT surely never got it
     * (connection refused, circuit open, login failed).
     */
    public boolean maybeDone() {
        return maybeDone;
    }
}
