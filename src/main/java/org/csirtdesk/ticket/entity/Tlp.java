package org.csirtdesk.ticket.entity;

import java.util.Locale;
import java.util.Optional;

/** Traffic Light Protocol 2.0 labels; TLP 1.0's WHITE is read as CLEAR. */
public enum Tlp {
    CLEAR,
    GREEN,
    AMBER,
    RED;

    /** What a refused label should have been, for the caller. */
    public static final String LABELS = "one of CLEAR (or WHITE), GREEN, AMBER, RED";

    public static Optional<Tlp> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replaceFirst("^TLP:", "");
        if (wanted.equals("WHITE")) {
            return Optional.of(CLEAR);
        }
        try {
            return Optional.of(valueOf(wanted));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
