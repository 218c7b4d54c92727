package org.csirtdesk.ticket.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every status of RT-IR's four lifecycles, named as RT-IR names them. */
public enum Status {
    NEW("new"),
    OPEN("open"),
    RESOLVED("resolved"),
    REJECTED("rejected"),
    ABANDONED("abandoned"),
    PENDING_ACTIVATION("pending activation"),
    ACTIVE("active"),
    PENDING_REMOVAL("pending removal"),
    REMOVED("removed");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts RT's label in any case, with spaces, hyphens or underscores between the words. */
    public static Optional<Status> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
        return Arrays.stream(values())
                .filter(status -> status.label.equals(wanted))
                .findFirst();
    }
}
