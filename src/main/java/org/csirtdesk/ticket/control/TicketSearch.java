package org.csirtdesk.ticket.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.csirtdesk.ticket.entity.Lifecycle;
import org.csirtdesk.ticket.entity.Status;

/**
 * Builds the JPQL of a {@link TicketQuery}: one statement for the page and one for the total, with
 * named parameters only (never caller text in the query), and a sort that ends on the id so that
 * pages are stable.
 */
public final class TicketSearch {

    /** The statements and their parameters. */
    public record Jpql(String select, String count, Map<String, Object> parameters) {
    }

    /**
     * Whether the site answered and CSIRT has not yet (RT-IR's "site responded"): for a campaign's case, the case
     * says so (a response may be recorded by hand, and an accepted explanation answers it without a letter);
     * for any other ticket, its last correspondence came from outside (the mail gateway writes as {@code mail:<sender>}).
     * Named columns and constants only, so it serves both the search and the flag of a page of tickets.
     */
    static final String WAITING_FOR_CSIRT = "(exists (select 1 from CampaignCase wc where wc.ticketId = t.id and wc.awaitingCsirt = true)"
            + " or (not exists (select 1 from CampaignCase wc where wc.ticketId = t.id)"
            + " and exists (select 1 from HistoryEntry wh where wh.ticket.id = t.id"
            + " and wh.type = org.csirtdesk.ticket.entity.HistoryType.CORRESPOND and wh.actor like 'mail:%'"
            + " and not exists (select 1 from HistoryEntry wl where wl.ticket.id = t.id"
            + " and wl.type = org.csirtdesk.ticket.entity.HistoryType.CORRESPOND and wl.id > wh.id))))";

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
        if (query.ngi() != null) {
            conditions.add("t.site in (select s.name from Site s where s.ngi = :ngi)");
            parameters.put("ngi", query.ngi());
        }
        if (query.campaign() != null) {
            conditions.add("(t.id in (select c.incidentTicketId from Campaign c where c.id = :campaign) or t.id in "
                    + "(select l.key.childId from IncidentLink l where l.key.incidentId in "
                    + "(select c.incidentTicketId from Campaign c where c.id = :campaign)))");
            parameters.put("campaign", query.campaign());
        }
        if (query.active() != null) {
            // The statuses by name, so that the (queue, status, due) index serves it as it serves a status filter.
            conditions.add("t.status in :activeStatuses");
            parameters.put("activeStatuses", Arrays.stream(Status.values())
                    .filter(status -> Lifecycle.isActive(status) == query.active()).toList());
        }
        if (query.waitingForCsirt() != null) {
            conditions.add(query.waitingForCsirt() ? WAITING_FOR_CSIRT : "not " + WAITING_FOR_CSIRT);
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
