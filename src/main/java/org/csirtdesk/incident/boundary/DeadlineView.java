package org.csirtdesk.incident.boundary;

import java.time.Instant;
import java.util.Locale;
import org.csirtdesk.incident.entity.Deadline;
import org.csirtdesk.incident.entity.DeadlineKind;

/**
 * A SEC01 deadline of a site: what, counted from when, due when, its reminder (planned or sent), and where it stands:
 * pending, met, missed (metAt then says when it was done late, if it was) or cancelled (the site was resolved first).
 */
public record DeadlineView(
        long id,
        String kind,
        Integer request,
        String rule,
        Instant startedAt,
        Instant due,
        Instant remindAt,
        String state,
        Instant metAt,
        String metBy,
        Instant settledAt,
        String note) {

    static DeadlineView of(Deadline deadline, Instant remindAt) {
        return new DeadlineView(
                deadline.id(),
                deadline.kind().slug(),
                deadline.kind() == DeadlineKind.ANSWER ? deadline.number() : null,
                deadline.kind().rule(),
                deadline.startedAt(),
                deadline.dueAt(),
                remindAt,
                deadline.state().name().toLowerCase(Locale.ROOT),
                deadline.metAt(),
                deadline.metBy(),
                deadline.settledAt(),
                deadline.note());
    }
}
