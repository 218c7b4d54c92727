package org.csirtdesk.incident.boundary;

import java.util.List;

/**
 * What the officer on duty needs to triage a report (SEC01): the report, the incidents it already belongs to, its
 * indicators, the values excluded by default from them and why (SEC01-announce: the victims' domains and hosts, the
 * reporters' and GOCDB's addresses, the CSIRT's own; adding one by hand shares it), the incidents that share them (best first), the incidents whose tag it quotes, and the decisions with
 * what each needs.
 */
public record TriageView(
        long report,
        String subject,
        String status,
        String tlp,
        boolean triageable,
        List<Long> incidents,
        List<IndicatorView> indicators,
        List<IndicatorView> excluded,
        List<RelatedView> related,
        List<QuotedIncident> quoted,
        List<Option> decisions) {

    /** An incident whose tag the report quotes. */
    public record QuotedIncident(long incident, String tag, String subject, String status) {}

    /** A decision and the fields it takes. */
    public record Option(String decision, String means, List<String> requires, List<String> optional) {}

    static final List<Option> DECISIONS = List.of(
            new Option(
                    "reject",
                    "not a security incident (spam, false positive, out of scope): the report is rejected",
                    List.of("reason"),
                    List.of()),
            new Option(
                    "link",
                    "part of a known incident (same attacking IPs, same tools, SEC01-related): the report joins "
                            + "it and brings its indicators",
                    List.of("incident", "reason"),
                    List.of()),
            new Option(
                    "new",
                    "a new, unrelated incident: it gets its tag EGI-YYYYMMDD-NN (SEC01-tag) and should then be "
                            + "announced (POST /api/incidents/{id}/announcements)",
                    List.of(),
                    List.of("title", "tlp", "coordinator", "reason")));
}
