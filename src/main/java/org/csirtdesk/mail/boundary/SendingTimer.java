package org.csirtdesk.mail.boundary;

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
import org.csirtdesk.mail.control.Dispatcher;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox's sender: a non-persistent interval timer on every instance (the rows say what is due), without a
 * transaction of its own: each batch gets its own. The procedure only writes rows; it never waits for this.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "ExerciseClock"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SendingTimer {

    private static final Logger LOG = Logger.getLogger(SendingTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Dispatcher dispatcher;

    @Inject
    @ConfigProperty(name = "csirt.mail.send-interval", defaultValue = "PT5S")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(2_000, interval.toMillis(), new TimerConfig("outbox-sender", false));
    }

    @Timeout
    void send() {
        try {
            dispatcher.sendDue();
        } catch (RuntimeException e) {
            // A timeout that throws is retried at once by the container; the next round is soon enough.
            LOG.log(Level.WARNING, "sending from the outbox failed", e);
        }
    }
}
