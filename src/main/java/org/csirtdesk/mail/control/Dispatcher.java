package org.csirtdesk.mail.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.TransactionRetry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One round of sending: a few workers take batches of due messages until none is left. Every instance runs rounds;
 * the row locks share the messages out. A round that finds the previous one still sending leaves it to finish.
 * Without an SMTP server configured, nothing is sent and messages wait.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final TransactionRetry RETRY = TransactionRetry.BACKGROUND;

    @Inject
    Sender sender;

    @Inject
    Smtp smtp;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "csirt.mail.workers", defaultValue = "4")
    int workers;

    @Inject
    @ConfigProperty(name = "csirt.mail.batch-size", defaultValue = "50")
    int batchSize;

    private final AtomicBoolean sending = new AtomicBoolean();

    public void sendDue() {
        if (!smtp.configured() || !sending.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(executor.submit(this::work));
            }
            for (Future<?> worker : running) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    LOG.log(Level.WARNING, "a mail worker stopped", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            sending.set(false);
        }
    }

    /**
     * Sends batches while they find messages that can go. A batch in which nothing went (the server unreachable)
     * ends the round: its messages wait for their backoff, the others for the next round. The claim and the record
     * are tried again when the database refused them for now ({@link TransactionRetry#BACKGROUND}); a claim that
     * still fails sends nothing and ends the round, and a record that still fails leaves the batch to be sent again
     * when its lease is over.
     */
    private void work() {
        while (true) {
            Sender.Claim claim = RETRY.run("claiming outbox messages", () -> sender.claim(batchSize));
            if (claim.claimed() == 0) {
                return;
            }
            List<Sender.Delivery> deliveries = sender.send(claim.letters());
            Sender.Batch batch = RETRY.run("recording sent outbox messages", () -> sender.record(claim, deliveries));
            if (batch.sent() == 0) {
                return;
            }
        }
    }
}
