package org.csirtdesk.incident.boundary;

import java.time.Instant;
import org.csirtdesk.incident.control.Indicators;
import org.csirtdesk.incident.entity.Indicator;

/**
 * An indicator of a ticket with its TLP (the strictest of the texts it was seen in, SEC01-tlp); a removed one says by
 * whom and why; one excluded by default from what is shared (a victim's domain, a reporter's address) says why in
 * {@code excluded}.
 */
public record IndicatorView(
        long id,
        String type,
        String value,
        String tlp,
        String excluded,
        String origin,
        String note,
        Instant addedAt,
        String addedBy,
        Instant removedAt,
        String removedBy,
        String removedReason) {

    static IndicatorView of(Indicator indicator) {
        return of(indicator, null);
    }

    static IndicatorView of(Indicators.Listed listed) {
        return of(listed.indicator(), listed.excludedBecause());
    }

    private static IndicatorView of(Indicator indicator, String excluded) {
        return new IndicatorView(
                indicator.id(),
                indicator.type().slug(),
                indicator.value(),
                indicator.tlp().name(),
                excluded,
                indicator.origin().name().toLowerCase(java.util.Locale.ROOT),
                indicator.note(),
                indicator.addedAt(),
                indicator.addedBy(),
                indicator.removedAt(),
                indicator.removedBy(),
                indicator.removedReason());
    }
}
