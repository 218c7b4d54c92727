package org.csirtdesk.rt.entity;

import java.time.Instant;
import java.util.List;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A ticket as it is to be in RT: its whole state, read at the moment it is pushed (so that a push carries every
 * change made before it, and pushing twice puts the same), with the RT numbers of its incidents and of the tickets it
 * refers to. {@code refersToRtIds} is null for a ticket that never referred to another: RT's own "refers to" links,
 * which people may make in RT, are then left as they are.
 */
public record LocalTicket(
        long id,
        Long rtId,
        Queue queue,
        String subject,
        Status status,
        List<String> requestors,
        List<String> cc,
        Instant due,
        String site,
        Tlp tlp,
        String vulnerability,
        String tag,
        List<Long> incidentRtIds,
        String firstContent,
        boolean merged,
        List<Long> refersToRtIds) {}
