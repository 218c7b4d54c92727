package org.csirtdesk.schedule.boundary;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.schedule.control.Heartbeat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The schedule's heartbeat: a non-persistent interval timer on every instance (the database, not the timer
 * service, knows what is due), without a transaction of its own: each step gets its own.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "ExerciseClock"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScheduleTimer {

    private static final Logger LOG = Logger.getLogger(ScheduleTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Heartbeat heartbeat;

    @Inject
    @ConfigProperty(name = "csirt.schedule.heartbeat", defaultValue = "PT10S")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(3_000, interval.toMillis(), new TimerConfig("schedule-heartbeat", false));
    }

    @Timeout
    void beat() {
        try {
            heartbeat.beat();
        } catch (RuntimeException e) {
            // A timeout that throws is retried at once by the container; the next beat is soon enough.
            LOG.log(Level.WARNING, "the schedule heartbeat failed", e);
        }
    }
}
