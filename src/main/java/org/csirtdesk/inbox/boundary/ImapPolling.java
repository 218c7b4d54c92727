package org.csirtdesk.inbox.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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
import org.csirtdesk.inbox.control.ImapMailbox;

/**
 * Polls the IMAP mailbox when one is configured ({@code csirt.mail.imap.host}): a non-persistent timer, on every
 * instance (the Message-ID makes a mail read by two instances a mail stored once). No transaction here: each
 * mail is its own. The singleton's lock keeps a slow poll from overlapping the next.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImapPolling {

    private static final Logger LOG = Logger.getLogger(ImapPolling.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ImapMailbox mailbox;

    @PostConstruct
    void schedule() {
        if (mailbox.isConfigured()) {
            timers.createIntervalTimer(3_000, mailbox.interval().toMillis(), new TimerConfig("imap-poll", false));
        }
    }

    @Timeout
    void poll() {
        try {
            mailbox.poll();
        } catch (RuntimeException e) {
            // A timeout that throws would be retried by the container at once; the next poll is soon enough.
            LOG.log(Level.WARNING, "polling the IMAP mailbox failed", e);
        }
    }
}
