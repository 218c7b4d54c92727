package org.csirtdesk.ticket.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketStore;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * A ticket as the API shows it, with the statuses it may move to next, whether its status is an active one, and
 * whether the site answered and waits for CSIRT ("site responded"); where tickets are kept in RT, the number of its
 * copy there and the address of its page in RT's web interface. Read alone, a ticket also says which tickets were
 * merged into it ({@code merged}), when it was read in place of a merged one, which ({@code mergedFrom}), the minutes
 * worked on it ({@code timeWorked}: its replies' and comments', its merged tickets' included) and, for an incident, on
 * it and the tickets under it ({@code incidentTimeWorked}), and RT's plain links: the tickets it refers to
 * ({@code refersTo}) and those that refer to it ({@code referredToBy}); in a list these are null.
 */
public record TicketView(
        long id,
        String tag,
        String queue,
        String queueName,
        String subject,
        String status,
        List<String> allowedStatuses,
        boolean active,
        boolean waitingForCsirt,
        String owner,
        List<String> requestors,
        List<String> cc,
        Instant due,
        String tlp,
        String site,
        Map<String, String> customFields,
        List<Long> incidents,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Long rtId,
        String rtPage,
        Long mergedFrom,
        List<Long> merged,
        Long timeWorked,
        Long incidentTimeWorked,
        List<Long> refersTo,
        List<Long> referredToBy) {

    /**
     * This ticket read alone: the merged ticket asked for in its place (if any), the tickets merged into it, the
     * minutes worked on it and, for an incident, on it and the tickets under it, and the tickets it refers to and
     * that refer to it.
     */
    TicketView alone(
            Long askedFor,
            List<Long> mergedIntoThis,
            long minutes,
            Long incidentMinutes,
            List<Long> refersToThese,
            List<Long> referredToByThese) {
        return new TicketView(
                id,
                tag,
                queue,
                queueName,
                subject,
                status,
                allowedStatuses,
                active,
                waitingForCsirt,
                owner,
                requestors,
                cc,
                due,
                tlp,
                site,
                customFields,
                incidents,
                createdAt,
                updatedAt,
                version,
                rtId,
                rtPage,
                askedFor,
                mergedIntoThis,
                minutes,
                incidentMinutes,
                refersToThese,
                referredToByThese);
    }

    static TicketView of(Ticket ticket, List<Long> incidents, boolean waitingForCsirt, String tag, TicketStore store) {
        return new TicketView(
                ticket.id(),
                tag,
                ticket.queue().slug(),
                ticket.queue().displayName(),
                ticket.subject(),
                ticket.status().label(),
                ticket.queue().lifecycle().allowedFrom(ticket.status()).stream()
                        .map(Status::label)
                        .toList(),
                ticket.isActive(),
                waitingForCsirt,
                ticket.owner(),
                ticket.requestors(),
                ticket.cc(),
                ticket.due(),
                ticket.tlp().name(),
                ticket.site(),
                ticket.customFields(),
                incidents,
                ticket.createdAt(),
                ticket.updatedAt(),
                ticket.version(),
                ticket.rtId().orElse(null),
                ticket.rtId().flatMap(store::rtPage).orElse(null),
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
