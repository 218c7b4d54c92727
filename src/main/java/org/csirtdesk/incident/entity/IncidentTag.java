package org.csirtdesk.incident.entity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SEC01-tag: the identifying tag of an incident, {@code EGI-YYYYMMDD-NN}, NN counting that day's incidents from 01
 * (a hundredth incident on one day gets three digits rather than a clash).
 */
public record IncidentTag(String prefix, LocalDate day, int number) {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public IncidentTag {
        Objects.requireNonNull(day);
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("csirt.incidents.tag-prefix must be letters and digits, starting with a "
                    + "letter, at most 16: '" + prefix + "'");
        }
        if (number < 1) {
            throw new IllegalArgumentException("an incident's number counts from 1: " + number);
        }
    }

    /** {@code EGI-20261123-01}. */
    public String text() {
        return prefix + "-" + DAY.format(day) + "-" + String.format("%02d", number);
    }

    /** As subjects carry it: {@code [EGI-20261123-01]}. */
    public String bracketed() {
        return "[" + text() + "]";
    }

    @Override
    public String toString() {
        return text();
    }
}
