package org.csirtdesk.incident.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the CSIRT records by hand of a site's handling of an incident, and which deadline each meets or starts: the
 * report (when it came otherwise than by mail on the Investigation), the isolation, the downtime, the resolution and
 * the closure report.
 */
public enum MilestoneKind {
    REPORTED("reported", DeadlineKind.REPORT, null),
    ISOLATED("isolated", DeadlineKind.ISOLATION, DeadlineKind.DOWNTIME),
    DOWNTIME_ANNOUNCED("downtime-announced", DeadlineKind.DOWNTIME, null),
    RESOLVED("resolved", null, DeadlineKind.CLOSURE_REPORT),
    CLOSURE_REPORT("closure-report", DeadlineKind.CLOSURE_REPORT, null);

    private final String slug;
    private final DeadlineKind meets;
    private final DeadlineKind starts;

    MilestoneKind(String slug, DeadlineKind meets, DeadlineKind starts) {
        this.slug = slug;
        this.meets = meets;
        this.starts = starts;
    }

    public String slug() {
        return slug;
    }

    /** The deadline this milestone meets, if any. */
    public Optional<DeadlineKind> meets() {
        return Optional.ofNullable(meets);
    }

    /** The deadline that counts from this milestone, if any. */
    public Optional<DeadlineKind> starts() {
        return Optional.ofNullable(starts);
    }

    /** The milestone that meets a deadline of this kind; none for an answer, which only the site's mail meets. */
    public static Optional<MilestoneKind> meeting(DeadlineKind deadline) {
        return Arrays.stream(values()).filter(kind -> kind.meets == deadline).findFirst();
    }

    public static Optional<MilestoneKind> parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.slug.equals(wanted)).findFirst();
    }

    public static String slugs() {
        return Arrays.stream(values()).map(MilestoneKind::slug).collect(Collectors.joining(", "));
    }
}
