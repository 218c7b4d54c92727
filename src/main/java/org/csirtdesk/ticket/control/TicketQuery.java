package org.csirtdesk.ticket.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A ticket search: every filter is optional and they combine with AND. {@code text} matches within the
 * subject; {@code incident} finds the children of an incident; {@code filters} are the other features' filters by
 * name and value ({@link TicketFilters}, e.g. {@code ngi}, {@code campaign}); {@code waitingForCsirt} (true or false) the
 * tickets whose site answered and waits for CSIRT, or the others; {@code active} (true or false) the tickets in an
 * active status of their lifecycle, or in a closed one; {@code where} a {@link TicketSql} query, ANDed with the rest.
 * Pages count from 1.
 */
public record TicketQuery(
        Set<Queue> queues,
        Set<Status> statuses,
        String owner,
        String requestor,
        String site,
        Instant dueBefore,
        Instant dueAfter,
        Set<Tlp> tlps,
        String text,
        Long incident,
        Map<String, Object> filters,
        Boolean waitingForCsirt,
        Boolean active,
        TicketSql.Node where,
        List<SortKey> sort,
        int page,
        int size) {

    /** One sort criterion; tickets with no due time come after those with one, whatever the direction. */
    public record SortKey(Field field, boolean descending) {
        public enum Field {
            ID("id"),
            DUE("due"),
            CREATED("createdAt"),
            UPDATED("updatedAt"),
            STATUS("status"),
            SUBJECT("subject"),
            QUEUE("queue"),
            OWNER("owner");

            public final String property;

            Field(String property) {
                this.property = property;
            }
        }
    }

    public TicketQuery {
        queues = queues == null ? Set.of() : Set.copyOf(queues);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        tlps = tlps == null ? Set.of() : Set.copyOf(tlps);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        sort = sort == null || sort.isEmpty() ? List.of(new SortKey(SortKey.Field.ID, true)) : List.copyOf(sort);
        if (page < 1) {
            throw new IllegalArgumentException("page counts from 1");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size counts from 1");
        }
    }
}
