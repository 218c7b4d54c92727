package org.csirtdesk.incident.boundary;

import java.time.Instant;
import org.csirtdesk.incident.entity.Indicator;

/** An indicator of a ticket; a removed one says by whom and why. */
public record IndicatorView(
        long id,
        String type,
        String value,
        String origin,
        String note,
        Instant addedAt,
        String addedBy,
        Instant removedAt,
        String removedBy,
        String removedReason) {

    static IndicatorView of(Indicator indicator) {
        return new IndicatorView(
                indicator.id(),
                indicator.type().slug(),
                indicator.value(),
                indicator.origin().name().toLowerCase(java.util.Locale.ROOT),
                indicator.note(),
                indicator.addedAt(),
                indicator.addedBy(),
                indicator.removedAt(),
                indicator.removedBy(),
                indicator.removedReason());
    }
}
