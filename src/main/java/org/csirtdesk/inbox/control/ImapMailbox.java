package org.csirtdesk.inbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.MailAction;
import org.csirtdesk.inbox.entity.MailDelivery;
import org.csirtdesk.inbox.entity.MailRefused;
import org.csirtdesk.inbox.entity.Receipt;
import org.csirtdesk.platform.entity.DomainException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An IMAP mailbox (IMAPS) read on a schedule, for sites where no MTA can pipe mail to the gateway. Each mail goes
 * through the same intake as a piped one, in its own transaction, and is deleted from the mailbox once it was
 * taken or refused for good; a temporary failure leaves it for the next poll. A crash between storing and
 * deleting reads it again as a mail already received (its Message-ID), so nothing is taken twice.
 */
@ApplicationScoped
public class ImapMailbox {

    private static final Logger LOG = Logger.getLogger(ImapMailbox.class.getName());

    @Inject
    @ConfigProperty(name = "csirt.mail.imap.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "csirt.mail.imap.port", defaultValue = "993")
    int port;

    // Optional: MicroProfile Config takes an empty default for no value at all.
    @Inject
    @ConfigProperty(name = "csirt.mail.imap.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "csirt.mail.imap.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "csirt.mail.imap.folder", defaultValue = "INBOX")
    String folderName;

    @Inject
    @ConfigProperty(name = "csirt.mail.imap.interval", defaultValue = "PT1M")
    Duration interval;

    /** Hosts whose certificate is trusted without a CA's signature (a test server); none by default. */
    @Inject
    @ConfigProperty(name = "csirt.mail.imap.ssl-trust")
    Optional<String> sslTrust;

    @Inject
    MailIntake intake;

    @Inject
    InboxMetrics metrics;

    public boolean isConfigured() {
        return host.isPresent();
    }

    public Duration interval() {
        return interval;
    }

    /** Reads every mail waiting in the folder. */
    public void poll() {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.connectiontimeout", "10000");
        properties.setProperty("mail.imaps.timeout", "30000");
        // A certificate is checked against the host's name, unless the host is trusted as it is (a test server).
        properties.setProperty("mail.imaps.ssl.checkserveridentity", String.valueOf(sslTrust.isEmpty()));
        sslTrust.ifPresent(hosts -> properties.setProperty("mail.imaps.ssl.trust", hosts));
        try (Store store = Session.getInstance(properties).getStore("imaps")) {
            store.connect(host.orElseThrow(), port, user.orElse(null), password.orElse(null));
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.getMessages()) {
                    if (!message.isSet(Flags.Flag.DELETED) && take(message)) {
                        message.setFlag(Flags.Flag.DELETED, true);
                    }
                }
            } finally {
                folder.close(true);
            }
        } catch (MessagingException e) {
            LOG.log(
                    Level.WARNING,
                    "the IMAP mailbox " + user.orElse("") + "@" + host.orElse("") + " cannot be read now; next poll in "
                            + interval,
                    e);
        }
    }

    /**
     * True when the mail is done with: stored, known already, or refused for good (logged and counted: nobody else
     * sees it).
     */
    private boolean take(Message message) throws MessagingException {
        byte[] raw = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            raw = bytes.toByteArray();
            Receipt receipt =
                    intake.receive(new MailDelivery(IncomingMail.Channel.IMAP, MailAction.CORRESPOND, null, null, raw));
            metrics.received(IncomingMail.Channel.IMAP, receipt);
            return true;
        } catch (MailRefused e) {
            metrics.refused(IncomingMail.Channel.IMAP, e, raw);
            return true;
        } catch (DomainException e) {
            metrics.failedForNow(IncomingMail.Channel.IMAP);
            LOG.info("a mail in the IMAP mailbox waits for the next poll: " + e.getMessage());
            return false;
        } catch (IOException | RuntimeException e) {
            metrics.failedForNow(IncomingMail.Channel.IMAP);
            LOG.log(Level.WARNING, "a mail in the IMAP mailbox waits for the next poll", e);
            return false;
        }
    }
}
