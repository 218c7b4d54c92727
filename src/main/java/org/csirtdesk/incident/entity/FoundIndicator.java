package org.csirtdesk.incident.entity;

import java.util.Objects;

/** An indicator as text gives it, already in its canonical form (lower-case address, compressed IPv6, upper-case CVE). */
public record FoundIndicator(IndicatorType type, String value) implements Comparable<FoundIndicator> {

    public FoundIndicator {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
    }

    @Override
    public int compareTo(FoundIndicator other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : value.compareTo(other.value);
    }
}
