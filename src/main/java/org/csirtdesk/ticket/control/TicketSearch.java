package org.csirtdesk.ticket.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;

/**
 * Builds the JPQL of a {@link TicketQuery}: one statement for the page and one for the total, with
 * named parameters only (never caller text in the query), and a sort that ends on the id so that
 * pages are stable.
 */
public final class TicketSearch {

    /** The statements and their parameters. */
    public record Jpql(String select, String count, Map<String, Object> parameters) {
    }

    private TicketSearch() {
    }

    public static Jpql build(TicketQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
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
            conditions.add("exists (select 1 from IncidentLink l where l.key.childId = t.id and l.key.incidentId = :incident)");
            parameters.put("incident", query.incident());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return new Jpql("select t from Ticket t" + where + orderBy(query.sort()),
                "select count(t) from Ticket t" + where, parameters);
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
