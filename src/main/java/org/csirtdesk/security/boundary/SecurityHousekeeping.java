package org.csirtdesk.security.boundary;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.security.control.DeskSessions;
import org.csirtdesk.security.control.Users;

/**
 * Deletes expired desk sessions and the sign-in throttle's past counts every ten minutes, on every instance (a
 * non-persistent timer, like the schedule's heartbeat): an indexed delete each, and a second instance doing the same
 * finds nothing left. An expired session is refused on its first request anyway, a past count starts again at one;
 * this only keeps the tables small.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecurityHousekeeping {

    private static final Logger LOG = Logger.getLogger(SecurityHousekeeping.class.getName());
    private static final long EVERY_MILLIS = 10 * 60 * 1000L;

    @Resource
    TimerService timers;

    @Inject
    DeskSessions sessions;

    @Inject
    Users users;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(60_000, EVERY_MILLIS, new TimerConfig("security-housekeeping", false));
    }

    @Timeout
    void purge() {
        try {
            int sessionsPurged = sessions.purge();
            int countsPurged = users.purgeFailures();
            LOG.fine(() -> "Deleted " + sessionsPurged + " expired desk sessions and " + countsPurged
                    + " past sign-in failure counts");
        } catch (RuntimeException e) {
            // A timeout that throws is retried at once by the container; the next one is soon enough.
            LOG.log(Level.WARNING, "deleting expired desk sessions or sign-in failure counts failed", e);
        }
    }
}
