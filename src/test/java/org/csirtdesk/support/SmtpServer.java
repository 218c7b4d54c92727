package org.csirtdesk.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GreenMail as the SMTP server of the mail tests and the benchmark, on 127.0.0.1 and a free port. It accepts every
 * message except those to the addresses it is told to refuse: to those it answers RCPT with a permanent 550, as a
 * real server answers for a mailbox that does not exist.
 */
public final class SmtpServer implements AutoCloseable {

    private final int port;
    private final GreenMail greenMail;

    private SmtpServer(int port, Set<String> refused) {
        this.port = port;
        this.greenMail = new Refusing(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), refused);
        greenMail.start();
    }

    /** A server on a free port. */
    public static SmtpServer start(Set<String> refused) {
        return new SmtpServer(freePort(), refused);
    }

    /** A new server on the port of one that was stopped: what the application sees as the server coming back. */
    public static SmtpServer startOn(int port, Set<String> refused) {
        return new SmtpServer(port, refused);
    }

    public int port() {
        return port;
    }

    /** Every copy received, one per recipient, as GreenMail stores them. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GreenMail with a recipient check: its SMTP service gets managers whose SMTP manager refuses some addresses. */
    private static final class Refusing extends GreenMail {

        private final Set<String> refused;

        Refusing(ServerSetup setup, Set<String> refused) {
            super(setup);
            this.refused = refused.stream()
                    .map(address -> address.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            return super.createServices(config, new RefusingManagers(managers, refused));
        }
    }

    private static final class RefusingManagers extends Managers {

        private final Managers delegate;
        private final SmtpManager smtp;

        RefusingManagers(Managers delegate, Set<String> refused) {
            this.delegate = delegate;
            this.smtp = new SmtpManager(delegate.getImapHostManager(), delegate.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress address) {
                    return refused.contains(address.getEmail().toLowerCase(Locale.ROOT))
                            ? "550 5.1.1 <" + address.getEmail() + ">: Recipient address rejected: User unknown"
                            : super.checkRecipient(state, address);
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }

        @Override
        public UserManager getUserManager() {
            return delegate.getUserManager();
        }

        @Override
        public ImapHostManager getImapHostManager() {
            return delegate.getImapHostManager();
        }
    }
}
