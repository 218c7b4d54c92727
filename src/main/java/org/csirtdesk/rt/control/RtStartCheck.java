package org.csirtdesk.rt.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.csirtdesk.rt.entity.RtQueue;
import org.csirtdesk.ticket.control.TicketStore;
import org.csirtdesk.ticket.entity.Queue;

/**
 * At start in the RT store, checks that RT answers and has what the application needs: RT-IR's four queues with
 * their lifecycles and the custom fields on each, and says exactly what is missing (in the log and on
 * {@code /health}). It does not stop the application: RT may be down at start, and its tickets wait in the
 * replication until it is back; the check runs again while RT has not answered it.
 */
@ApplicationScoped
public class RtStartCheck {

    /** The outcome: RT's version, or why it did not answer, and what it lacks. */
    public record Outcome(boolean checked, String version, List<String> missing) {}

    private static final Logger LOG = Logger.getLogger(RtStartCheck.class.getName());

    @Inject
    TicketStore store;

    @Inject
    RtSettings settings;

    @Inject
    RtClient rt;

    @Resource
    ManagedExecutorService executor;

    private volatile Outcome outcome = new Outcome(false, null, List.of("not checked yet"));

    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (store.inRt()) {
            executor.submit(this::check);
        }
    }

    public Outcome outcome() {
        if (store.inRt() && !outcome.checked()) {
            executor.submit(this::check);
        }
        return outcome;
    }

    /** Checks RT now. */
    public synchronized Outcome check() {
        List<String> missing = new ArrayList<>(settings.check());
        if (!missing.isEmpty()) {
            return report(new Outcome(true, null, missing));
        }
        String version;
        try {
            version = rt.version();
        } catch (RtUnavailable | RtRefused e) {
            return report(new Outcome(
                    false, null, List.of("RT at " + settings.url() + " did not answer: " + e.getMessage())));
        }
        for (Queue queue : Queue.values()) {
            String name = settings.queueName(queue);
            Optional<RtQueue> found;
            try {
                found = rt.queue(name);
            } catch (RtUnavailable | RtRefused e) {
                return report(
                        new Outcome(false, version, List.of("RT did not show queue " + name + ": " + e.getMessage())));
            }
            if (found.isEmpty()) {
                missing.add("queue \"" + name + "\" (for " + queue.displayName()
                        + ") does not exist or the application's RT user may not see it");
                continue;
            }
            RtQueue rtQueue = found.get();
            if (rtQueue.disabled()) {
                missing.add("queue \"" + name + "\" is disabled");
            }
            if ("default".equals(rtQueue.lifecycle())) {
                missing.add("queue \"" + name + "\" has RT's default lifecycle, not RT-IR's " + queue.slug()
                        + " lifecycle (rt/RT_SiteConfig.d/csirt-desk.pm)");
            }
            for (String field : List.of(
                    settings.siteField(),
                    settings.cveField(),
                    settings.tlpField(),
                    settings.tagField(),
                    settings.ticketField())) {
                if (!rtQueue.ticketCustomFields().contains(field)) {
                    missing.add("custom field \"" + field + "\" does not apply to queue \"" + name + "\"");
                }
            }
        }
        return report(new Outcome(true, version, List.copyOf(missing)));
    }

    private Outcome report(Outcome checked) {
        outcome = checked;
        if (checked.missing().isEmpty()) {
            LOG.info("RT " + checked.version() + " at " + settings.url() + " has what CSIRT Desk needs");
        } else {
            checked.missing().forEach(problem -> LOG.warning("RT store: " + problem));
        }
        return checked;
    }
}
