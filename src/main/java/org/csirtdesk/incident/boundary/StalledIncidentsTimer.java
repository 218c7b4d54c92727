package org.csirtdesk.incident.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.incident.control.StalledIncidents;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SEC01-coordinator: looks for newly stalled incidents every {@code csirt.incidents.stalled-check}, on every instance
 * (a non-persistent timer: the history, not the timer service, says what is stalled; row locks and the outbox's key
 * keep it to one letter per stall however many instances look).
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "ExerciseClock"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StalledIncidentsTimer {

    private static final Logger LOG = Logger.getLogger(StalledIncidentsTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    StalledIncidents stalled;

    @Inject
    @ConfigProperty(name = "csirt.incidents.stalled-check", defaultValue = "PT5M")
    Duration interval;

    private final AtomicBoolean checking = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(5_000, interval.toMillis(), new TimerConfig("stalled-incidents", false));
    }

    @Timeout
    void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        try {
            int told = stalled.check();
            if (told > 0) {
                LOG.info("told the coordinators of " + told + " stalled incident(s)");
            }
        } catch (RuntimeException e) {
            // The next check is soon enough; a timeout that throws would be retried at once.
            LOG.log(Level.WARNING, "the check for stalled incidents failed", e);
        } finally {
            checking.set(false);
        }
    }
}
