package org.csirtdesk.ticket.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;

/** How many tickets each queue holds in each status: one grouped query over the queue/status index. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class QueueCounts {

    @PersistenceContext
    EntityManager em;

    public Map<Queue, Map<Status, Long>> byQueueAndStatus() {
        Map<Queue, Map<Status, Long>> counts = new EnumMap<>(Queue.class);
        em.createNamedQuery(Ticket.COUNT_BY_QUEUE_AND_STATUS, Object[].class)
                .getResultList()
                .forEach(row -> counts.computeIfAbsent((Queue) row[0], q -> new EnumMap<>(Status.class))
                        .put((Status) row[1], (Long) row[2]));
        return counts;
    }
}
