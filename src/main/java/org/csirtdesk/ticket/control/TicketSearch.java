package org.csirtdesk.ticket.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.csirtdesk.ticket.entity.ContactReplied;
import org.csirtdesk.ticket.entity.Lifecycle;
import org.csirtdesk.ticket.entity.Status;

/**
 * Builds the JPQL of a {@link TicketQuery}: one statement for the page and one for the total, with
 * named parameters only (never caller text in the query), and a sort that ends on the id so that
 * pages are stable. Filters by other features' data are theirs ({@link TicketFilters}): this class names
 * the ticket feature's entities only.
 */
@ApplicationScoped
public class TicketSearch {

    /**
     * The statements and their parameters: the page of tickets, the total, and the ids in the page's order. A search
     * of the full text is answered from {@code ids} alone (see {@link Tickets#search}), because its cost grows with
     * the number of matches and a count would pay it a second time.
     */
    public record Jpql(String select, String count, String ids, boolean fullText, Map<String, Object> parameters) {}

    /**
     * RT-IR's "site responded" by the ticket's own history: its last correspondence came from outside (the mail
     * gateway writes as {@code mail:<sender>}). Named columns and constants only.
     */
    static final String LAST_CORRESPONDENCE_FROM_OUTSIDE =
            "exists (select 1 from HistoryEntry wh where wh.ticket.id = t.id"
                    + " and wh.type = org.csirtdesk.ticket.entity.HistoryType.CORRESPOND and wh.actor like '"
                    + ContactReplied.BY_MAIL + "%'"
                    + " and not exists (select 1 from HistoryEntry wl where wl.ticket.id = t.id"
                    + " and wl.type = org.csirtdesk.ticket.entity.HistoryType.CORRESPOND and wl.id > wh.id))";

    @Inject
    Instance<TicketFilters> features;

    private Map<String, String> filters;
    private String waitingForCsirt;

    @PostConstruct
    void collect() {
        use(features.stream().toList());
    }

    /** A search with these features' filters, as CDI would collect them. */
    static TicketSearch of(List<TicketFilters> features) {
        TicketSearch search = new TicketSearch();
        search.use(features);
        return search;
    }

    private void use(List<TicketFilters> contributions) {
        Map<String, String> byName = new TreeMap<>();
        List<String> waitsByFeature = new ArrayList<>();
        List<String> byHistory = new ArrayList<>();
        for (TicketFilters feature : contributions) {
            feature.conditions().forEach((name, condition) -> {
                if (byName.putIfAbsent(name, condition) != null) {
                    throw new IllegalStateException("two features answer the ticket filter '" + name + "'");
                }
            });
            feature.waitingForCsirt().ifPresent(rule -> {
                waitsByFeature.add(rule.waits());
                byHistory.add("not " + rule.decides());
            });
        }
        byHistory.add(LAST_CORRESPONDENCE_FROM_OUTSIDE);
        waitsByFeature.add("(" + String.join(" and ", byHistory) + ")");
        filters = Map.copyOf(byName);
        waitingForCsirt = "(" + String.join(" or ", waitsByFeature) + ")";
    }

    /**
     * Whether the site answered and CSIRT has not yet: a feature's own state for the tickets it keeps one of (a
     * campaign's case), the ticket's last correspondence for any other. A JPQL condition on the ticket {@code t}, for
     * the search and for the flag of a page of tickets.
     */
    public String waitingForCsirt() {
        return waitingForCsirt;
    }

    public Jpql build(TicketQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        // A merged ticket is found through its survivor, never on its own.
        conditions.add("t.mergedInto is null");
        if (!query.queues().isEmpty()) {
            conditions.add("t.queue in :queues");
            parameters.put("queues", List.copyOf(query.queues()));
        }
        if (!query.statuses().isEmpty()) {
            conditions.add("t.status in :statuses");
            parameters.put("statuses", List.copyOf(query.statuses()));
        }
        if (query.owner() != null) {
            conditions.add("t.owner = :owner");
            parameters.put("owner", query.owner());
        }
        if (query.requestor() != null) {
            conditions.add(":requestor member of t.requestors");
            parameters.put("requestor", query.requestor());
        }
        if (query.site() != null) {
            conditions.add("t.site = :site");
            parameters.put("site", query.site());
        }
        if (query.dueBefore() != null) {
            conditions.add("t.due < :dueBefore");
            parameters.put("dueBefore", query.dueBefore());
        }
        if (query.dueAfter() != null) {
            conditions.add("t.due >= :dueAfter");
            parameters.put("dueAfter", query.dueAfter());
        }
        if (!query.tlps().isEmpty()) {
            conditions.add("t.tlp in :tlps");
            parameters.put("tlps", List.copyOf(query.tlps()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            conditions.add("t.subject like :text escape '!'");
            parameters.put("text", "%" + escapeLike(query.text().trim()) + "%");
        }
        if (query.incident() != null) {
            conditions.add(
                    "exists (select 1 from IncidentLink l where l.key.childId = t.id and l.key.incidentId = :incident)");
            parameters.put("incident", query.incident());
        }
        new TreeMap<>(query.filters()).forEach((name, value) -> {
            String condition = filters.get(name);
            if (condition == null) {
                throw new IllegalArgumentException("no feature answers the ticket filter '" + name + "'");
            }
            conditions.add(condition);
            parameters.put(name, value);
        });
        if (query.active() != null) {
            // The statuses by name, so that the (queue, status, due) index serves it as it serves a status filter.
            conditions.add("t.status in :activeStatuses");
            parameters.put(
                    "activeStatuses",
                    Arrays.stream(Status.values())
                            .filter(status -> Lifecycle.isActive(status) == query.active())
                            .toList());
        }
        if (query.waitingForCsirt() != null) {
            conditions.add(query.waitingForCsirt() ? waitingForCsirt : "not " + waitingForCsirt);
        }
        boolean fullText = false;
        if (query.where() != null) {
            TicketSqlJpql.Condition condition = TicketSqlJpql.condition(query.where(), filters, parameters);
            conditions.add(condition.jpql());
            fullText = condition.fullText();
        }
        String where = " where " + String.join(" and ", conditions);
        String order = orderBy(query.sort());
        return new Jpql(
                "select t from Ticket t" + where + order,
                "select count(t) from Ticket t" + where,
                "select t.id from Ticket t" + where + order,
                fullText,
                parameters);
    }

    /** Refuses, as a {@code query} error, a query that names a field no one answers or a value a field cannot take. */
    public void check(TicketSql.Node where) {
        TicketSqlJpql.condition(where, filters, new LinkedHashMap<>());
    }

    private static String orderBy(List<SortKey> sort) {
        List<String> terms = new ArrayList<>();
        boolean hasId = false;
        for (SortKey key : sort) {
            String term = "t." + key.field().property + (key.descending() ? " desc" : " asc");
            if (key.field() == SortKey.Field.DUE || key.field() == SortKey.Field.OWNER) {
                term += " nulls last";
            }
            terms.add(term);
            hasId |= key.field() == SortKey.Field.ID;
        }
        if (!hasId) {
            terms.add("t.id asc");
        }
        return " order by " + String.join(", ", terms);
    }

    /** LIKE wildcards in the caller's text match themselves. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
