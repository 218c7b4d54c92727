package org.csirtdesk.site.boundary;

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
import org.csirtdesk.site.control.RegistryRefresh;
import org.csirtdesk.site.control.SiteSettings;
import org.csirtdesk.site.control.StatusChanges;

/**
 * The site feature's heartbeats, on every instance and non-persistent (the database is the truth): one looks
 * every minute whether the copy is due a refresh (the state row lets one instance do it), the other submits
 * and reads back open status change requests. Bean-managed concurrency, so a slow refresh never holds up the
 * read-back.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SiteRegistryTimers {

    private static final Logger LOG = Logger.getLogger(SiteRegistryTimers.class.getName());
    private static final String REFRESH = "site-registry-refresh";
    private static final String STATUS_CHECK = "site-status-check";
    private static final long FIRST_RUN_MILLIS = 2_000;

    @Resource
    TimerService timers;

    @Inject
    RegistryRefresh refresh;

    @Inject
    StatusChanges statusChanges;

    @Inject
    SiteSettings settings;

    @PostConstruct
    void schedule() {
        long refreshCheck = Math.min(60_000, settings.refreshInterval().toMillis());
        timers.createIntervalTimer(FIRST_RUN_MILLIS, refreshCheck, new TimerConfig(REFRESH, false));
        timers.createIntervalTimer(
                FIRST_RUN_MILLIS + 1_000,
                settings.statusCheckInterval().toMillis(),
                new TimerConfig(STATUS_CHECK, false));
    }

    @Timeout
    void beat(Timer timer) {
        try {
            if (REFRESH.equals(timer.getInfo())) {
                refresh.refreshIfDue();
            } else {
                statusChanges.checkOpen();
            }
        } catch (RuntimeException e) {
            // A heartbeat that throws would be retried by the container at once; the next beat is soon enough.
            LOG.log(Level.WARNING, timer.getInfo() + " failed", e);
        }
    }
}
