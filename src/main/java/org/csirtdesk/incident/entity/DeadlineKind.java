package org.csirtdesk.incident.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** SEC01's deadlines of a Resource Centre (its steps 1, 2, 4, 5 and 6), each with what the site is to do and by when. */
public enum DeadlineKind {
    REPORT("report", "inform the EGI CSIRT of the incident", "within 4 hours of discovery"),
    ISOLATION("isolation", "isolate the compromised systems", "within 1 day of discovery"),
    DOWNTIME("downtime", "announce a downtime for the affected services", "within 1 day of isolation"),
    ANSWER("answer", "answer the EGI CSIRT's request", "within 4 working hours of the request"),
    CLOSURE_REPORT(
            "closure-report", "send the incident closure report to the EGI CSIRT", "within 1 month of resolution");

    private final String slug;
    private final String task;
    private final String rule;

    DeadlineKind(String slug, String task, String rule) {
        this.slug = slug;
        this.task = task;
        this.rule = rule;
    }

    public String slug() {
        return slug;
    }

    public String task() {
        return task;
    }

    public String rule() {
        return rule;
    }

    public static Optional<DeadlineKind> parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.slug.equals(wanted)).findFirst();
    }
}
