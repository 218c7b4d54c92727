package org.csirtdesk.platform.entity;

/** The number of a ticket, as one feature names a ticket to another: always positive (the database's identity). */
public record TicketId(long value) {

    public TicketId {
        if (value <= 0) {
            throw new IllegalArgumentException("a ticket id must be positive, not " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
