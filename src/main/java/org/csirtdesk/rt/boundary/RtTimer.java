package org.csirtdesk.rt.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.rt.control.RtFollow;
import org.csirtdesk.rt.control.RtPush;
import org.csirtdesk.rt.control.RtSettings;
import org.csirtdesk.ticket.control.TicketStore;

/**
 * The RT store's two timers on every instance, only when tickets are kept in RT: pushing the due replication jobs
 * and letters, and following RT's changes (one instance at a time, by the lease). Neither has a transaction of its
 * own: each step takes short ones, never across a call to RT.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "ExerciseClock"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RtTimer {

    private static final Logger LOG = Logger.getLogger(RtTimer.class.getName());

    private static final String PUSH = "rt-push";

    @Resource
    TimerService timers;

    @Inject
    TicketStore store;

    @Inject
    RtSettings settings;

    @Inject
    RtPush push;

    @Inject
    RtFollow follow;

    @PostConstruct
    void schedule() {
        if (!store.inRt()) {
            return;
        }
        timers.createIntervalTimer(1_000, settings.pushInterval().toMillis(), new TimerConfig(PUSH, false));
        timers.createIntervalTimer(3_000, settings.pollInterval().toMillis(), new TimerConfig("rt-follow", false));
    }

    @Timeout
    void run(Timer timer) {
        try {
            if (PUSH.equals(timer.getInfo())) {
                push.pushDue();
            } else {
                follow.followOnce();
            }
        } catch (RuntimeException e) {
            // A timeout that throws is retried at once by the container; the next round is soon enough.
            LOG.log(Level.WARNING, "the RT store's " + timer.getInfo() + " failed", e);
        }
    }
}
