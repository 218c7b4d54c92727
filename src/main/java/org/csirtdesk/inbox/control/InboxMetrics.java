package org.csirtdesk.inbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.MailRefused;
import org.csirtdesk.inbox.entity.Receipt;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What became of the mail that came in, on {@code /metrics} and in the log: every mail taken (by what became of
 * it), every mail kept unread in part, every failure for now, and every refusal, logged with the mail's Message-ID
 * and the reason. A refusal is the one way a mail is not kept: none is silent.
 */
@ApplicationScoped
public class InboxMetrics {

    private static final Logger LOG = Logger.getLogger(InboxMetrics.class.getName());

    private static final Metadata RECEIVED = Metadata.builder()
            .withName("csirt.mail.received")
            .withDescription(
                    "Mails taken, by channel and what became of them (already-received: a mail delivered again)")
            .build();
    private static final Metadata UNREADABLE = Metadata.builder()
            .withName("csirt.mail.unreadable")
            .withDescription("Mails taken that could not be read in full: kept raw and flagged for review")
            .build();
    private static final Metadata REFUSED = Metadata.builder()
            .withName("csirt.mail.refused")
            .withDescription("Mails refused for good (too large, no mail, no form), by channel and reason")
            .build();
    private static final Metadata FAILED = Metadata.builder()
            .withName("csirt.mail.failed.for.now")
            .withDescription(
                    "Mails that could not be taken now and wait with the sender (rt-mailgate exit 75, or in the IMAP mailbox)")
            .build();

    @Inject
    MetricRegistry registry;

    public void received(IncomingMail.Channel channel, Receipt receipt) {
        String what = receipt.duplicate()
                ? "already-received"
                : receipt.disposition().name().toLowerCase(Locale.ROOT).replace('_', '-');
        registry.counter(RECEIVED, channel(channel), new Tag("disposition", what))
                .inc();
        if (receipt.unreadable()) {
            registry.counter(UNREADABLE, channel(channel)).inc();
        }
    }

    /** Logs and counts a refusal, with the Message-ID of the mail (null: no mail came). */
    public void refused(IncomingMail.Channel channel, MailRefused refusal, byte[] raw) {
        String messageId = raw == null ? "(none)" : RawMail.messageIdForLog(raw);
        LOG.warning("mail refused by the " + channel.name().toLowerCase(Locale.ROOT) + " ("
                + refusal.reason().tag() + "), Message-ID " + messageId + ": " + refusal.getMessage());
        registry.counter(
                        REFUSED,
                        channel(channel),
                        new Tag("reason", refusal.reason().tag()))
                .inc();
    }

    public void failedForNow(IncomingMail.Channel channel) {
        registry.counter(FAILED, channel(channel)).inc();
    }

    private static Tag channel(IncomingMail.Channel channel) {
        return new Tag("channel", channel.name().toLowerCase(Locale.ROOT));
    }
}
