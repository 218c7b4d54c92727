package org.csirtdesk.campaign.entity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a scheduled step, unique within its case or campaign: which round of the case it belongs to (1
 * for the advisory's path, 2 and up for each re-introduction), which deadline of that round (a deadline
 * extension starts the next), and for reminders their number. A name is never reused, so a step done stays
 * done however often the case is planned again.
 */
public record StepName(Kind kind, int round, int deadlineRound, int number) {

    /** What a step does. */
    public enum Kind {
        HEADS_UP("heads-up", Scope.CAMPAIGN),
        ADVISORY("advisory", Scope.CAMPAIGN),
        ESCALATION("escalation", Scope.CAMPAIGN),
        TICKET("ticket", Scope.CASE),
        REMINDER("reminder", Scope.CASE),
        REINTRODUCTION("reintroduction", Scope.CASE),
        REINTRODUCTION_CHECK("check", Scope.CASE),
        FINAL_WARNING("final-warning", Scope.CASE),
        DEADLINE("deadline", Scope.CASE);

        private final String slug;
        private final Scope scope;

        Kind(String slug, Scope scope) {
            this.slug = slug;
            this.scope = scope;
        }

        public String slug() {
            return slug;
        }

        public Scope scope() {
            return scope;
        }

        /** Steps bound to a deadline carry its round in their name; an extension plans them again. */
        boolean boundToDeadline() {
            return this == FINAL_WARNING || this == DEADLINE;
        }

        static Kind ofSlug(String slug) {
            for (Kind kind : values()) {
                if (kind.slug.equals(slug)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no step kind " + slug);
        }
    }

    /** Whether a step belongs to the whole campaign or to one site's case. */
    public enum Scope {
        CAMPAIGN,
        CASE
    }

    private static final Pattern CASE_STEP = Pattern.compile("r(\\d+)/(?:d(\\d+)/)?([a-z-]+?)(?:-(\\d+))?");

    public static StepName campaign(Kind kind) {
        return new StepName(kind, 0, 0, 0);
    }

    public static StepName ofCase(Kind kind, int round, int deadlineRound) {
        return new StepName(kind, round, kind.boundToDeadline() ? deadlineRound : 0, 0);
    }

    public static StepName reminder(int round, int number) {
        return new StepName(Kind.REMINDER, round, 0, number);
    }

    public static StepName parse(String name) {
        Matcher step = CASE_STEP.matcher(name);
        if (!step.matches()) {
            return campaign(Kind.ofSlug(name));
        }
        return new StepName(
                Kind.ofSlug(step.group(3)),
                Integer.parseInt(step.group(1)),
                step.group(2) == null ? 0 : Integer.parseInt(step.group(2)),
                step.group(4) == null ? 0 : Integer.parseInt(step.group(4)));
    }

    @Override
    public String toString() {
        if (kind.scope == Scope.CAMPAIGN) {
            return kind.slug;
        }
        return "r" + round + "/" + (deadlineRound > 0 ? "d" + deadlineRound + "/" : "") + kind.slug
                + (number > 0 ? "-" + number : "");
    }
}
