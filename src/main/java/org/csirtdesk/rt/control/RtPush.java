package org.csirtdesk.rt.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.csirtdesk.mail.control.TicketStoreLetters;
import org.csirtdesk.rt.entity.LocalTicket;
import org.csirtdesk.rt.entity.RtMessage;
import org.csirtdesk.rt.entity.RtTicketDraft;
import org.csirtdesk.rt.entity.RtTransaction;
import org.csirtdesk.rt.entity.RtUpdate;
import org.csirtdesk.ticket.entity.Lifecycle;
import org.csirtdesk.ticket.entity.Status;

/**
 * Carries the application's tickets into RT: one round claims due jobs and letters, and pushes them with a few
 * workers, a ticket's work in order by one worker. Exactly once: RT has no idempotency key, so a creation carries the
 * application's own key in a custom field, and a note or letter a marker line; an attempt that may have reached RT
 * (a crash after the call, a timeout) is looked for in RT before it is made again.
 */
@ApplicationScoped
public class RtPush {

    static final String ACTOR = "csirt-desk";

    private static final Logger LOG = Logger.getLogger(RtPush.class.getName());

    /** How long a claimed job or letter is the claimer's: longer than any call with its retries. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final int BATCH = 50;

    /** How many of RT's newest transactions of a ticket are read when looking for an earlier attempt. */
    private static final int LOOK_BACK = 50;

    @Inject
    RtJobs jobs;

    @Inject
    TicketStoreLetters letters;

    @Inject
    RtClient rt;

    @Inject
    RtSettings settings;

    @Inject
    RtStoreState state;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean pushing = new AtomicBoolean();

    /** One round: until nothing due is left or RT stops answering. A round still running is left to finish. */
    public void pushDue() {
        if (!pushing.compareAndSet(false, true)) {
            return;
        }
        try {
            while (true) {
                List<RtJobs.Handed> claimed = jobs.claim(BATCH, LEASE);
                List<TicketStoreLetters.HandedLetter> claimedLetters = letters.claim(
                        BATCH, LEASE, ticketIds -> jobs.rtIds(ticketIds).keySet());
                Map<Long, RtJobs.InRt> letterTickets = jobs.inRt(claimedLetters.stream()
                        .map(TicketStoreLetters.HandedLetter::ticketId)
                        .collect(Collectors.toSet()));
                if (claimed.isEmpty() && claimedLetters.isEmpty()) {
                    return;
                }
                Map<Long, List<Runnable>> byTicket = new LinkedHashMap<>();
                claimed.forEach(job -> byTicket.computeIfAbsent(job.ticketId(), t -> new ArrayList<>())
                        .add(() -> push(job)));
                claimedLetters.forEach(letter -> byTicket.computeIfAbsent(letter.ticketId(), t -> new ArrayList<>())
                        .add(() -> post(letter, letterTickets.get(letter.ticketId()))));
                if (!runAll(byTicket)) {
                    return;
                }
            }
        } finally {
            pushing.set(false);
        }
    }

    /** Answers whether RT answered during the batch (when it did not, the rest waits for the next round). */
    private boolean runAll(Map<Long, List<Runnable>> byTicket) {
        int workers = Math.max(1, settings.workers());
        List<List<Runnable>> shares = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            shares.add(new ArrayList<>());
        }
        int next = 0;
        for (List<Runnable> work : byTicket.values()) {
            shares.get(next++ % workers).addAll(work);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Runnable> share : shares) {
            if (!share.isEmpty()) {
                running.add(executor.submit(() -> share.forEach(Runnable::run)));
            }
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "an RT worker stopped", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return state.rtAnswering();
    }

    private void push(RtJobs.Handed job) {
        try {
            LocalTicket ticket = jobs.local(job.ticketId());
            switch (job.kind()) {
                case CREATE -> create(job, ticket);
                case UPDATE -> {
                    rt.update(ticket.rtId(), fullState(ticket));
                    jobs.done(job);
                }
                case COMMENT -> comment(job, ticket);
            }
            state.answered();
        } catch (RtRefused e) {
            state.answered();
            jobs.refused(job, String.join("; ", e.messages()));
        } catch (RtUnavailable e) {
            state.unavailable(e.getMessage());
            jobs.retryLater(job, e.getMessage(), e.maybeDone());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pushing " + job + " to RT failed", e);
            jobs.retryLater(job, String.valueOf(e.getMessage()), true);
        }
    }

    private void create(RtJobs.Handed job, LocalTicket ticket) {
        if (ticket.rtId() != null) {
            jobs.done(job);
            return;
        }
        String key = state.ticketKey(ticket.id());
        Optional<Long> earlier =
                job.handedOverBefore() ? rt.findByField(settings.ticketField(), key) : Optional.empty();
        long rtId = earlier.orElseGet(() -> rt.create(new RtTicketDraft(
                settings.queueName(ticket.queue()),
                ticket.subject(),
                ticket.requestors(),
                ticket.cc(),
                ticket.due(),
                ticket.firstContent() == null ? ticket.subject() : ticket.firstContent(),
                "text/plain",
                customFields(ticket, key),
                ticket.incidentRtIds())));
        jobs.placed(job, rtId, ticket.status() != ticket.queue().lifecycle().initial());
    }

    private void comment(RtJobs.Handed job, LocalTicket ticket) {
        String marker = marker("note-" + job.historyId());
        if (!job.handedOverBefore() || !foundInRt(ticket.rtId(), "Comment", marker)) {
            rt.comment(
                    ticket.rtId(),
                    RtMessage.text(jobs.content(job.historyId()) + "\n\n" + marker, jobs.timeWorked(job.historyId())));
        }
        jobs.done(job);
    }

    private void post(TicketStoreLetters.HandedLetter letter, RtJobs.InRt ticket) {
        long rtId = ticket.rtId();
        String marker = marker(letter.messageId());
        try {
            if (!letter.handedOverBefore() || !foundInRt(rtId, "Correspond", marker)) {
                // An inactive ticket's status goes with the letter: RT's scrip reopens an inactive ticket on
                // correspondence (the thanks of a resolved case), which the application's lifecycle does not.
                Status status = ticket.status();
                rt.correspond(
                        rtId,
                        new RtMessage(
                                letter.subject(),
                                letter.body() + "\n\n" + marker,
                                "text/plain",
                                Lifecycle.isActive(status) ? null : status.label(),
                                letter.timeWorked()));
            }
            letters.delivered(letter.id());
            state.answered();
        } catch (RtRefused e) {
            state.answered();
            letters.refused(letter.id(), "RT refused it: " + String.join("; ", e.messages()));
        } catch (RtUnavailable e) {
            state.unavailable(e.getMessage());
            letters.retryLater(letter.id(), e.getMessage(), e.maybeDone(), RtJobs.BACKOFF);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "posting letter " + letter.messageId() + " to RT failed", e);
            letters.retryLater(letter.id(), String.valueOf(e.getMessage()), true, RtJobs.BACKOFF);
        }
    }

    /**
     * Whether an earlier attempt did post: a transaction of this type by the application's RT user among the
     * ticket's newest, whose text carries the marker.
     */
    private boolean foundInRt(long rtId, String type, String marker) {
        List<RtTransaction> history = rt.history(rtId, 0);
        return history.stream()
                .skip(Math.max(0, history.size() - LOOK_BACK))
                .filter(txn ->
                        type.equals(txn.type()) && settings.applicationUser().equals(txn.creator()))
                .anyMatch(txn -> rt.content(txn.id()).contains(marker));
    }

    /** The line that lets the application recognise its own post in RT's history. */
    static String marker(String reference) {
        return "[CSIRT Desk ref: " + reference + "]";
    }

    /** The ticket's whole state, as one idempotent update. */
    private RtUpdate fullState(LocalTicket ticket) {
        RtUpdate update = RtUpdate.of()
                .subject(ticket.subject())
                .status(statusInRt(ticket))
                .due(ticket.due())
                .with("Requestor", ticket.requestors())
                .with("Cc", ticket.cc())
                .with("CustomFields", customFields(ticket, state.ticketKey(ticket.id())));
        if (!ticket.incidentRtIds().isEmpty()) {
            update = update.with("MemberOf", ticket.incidentRtIds());
        }
        if (ticket.refersToRtIds() != null) {
            update = update.with("RefersTo", ticket.refersToRtIds());
        }
        return update;
    }

    /**
     * A merged ticket's copy is closed in RT (its queue's closing status, as its incident's closing would), since
     * REST2 cannot merge: the survivor's copy carries on.
     */
    private static String statusInRt(LocalTicket ticket) {
        return ticket.merged() && Lifecycle.isActive(ticket.status())
                ? ticket.queue().lifecycle().closedByIncident().label()
                : ticket.status().label();
    }

    private Map<String, String> customFields(LocalTicket ticket, String key) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(settings.ticketField(), key);
        fields.put(settings.tlpField(), ticket.tlp().name());
        fields.put(settings.tagField(), ticket.tag());
        if (ticket.site() != null) {
            fields.put(settings.siteField(), ticket.site());
        }
        if (ticket.vulnerability() != null) {
            fields.put(settings.cveField(), ticket.vulnerability());
        }
        return fields;
    }
}
