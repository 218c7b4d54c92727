package org.csirtdesk.mail.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP server the outbox sends through, by Jakarta Mail (the server's own Angus Mail): host, port, transport
 * security and credentials from {@code csirt.mail.smtp.*}. Without a host nothing is sent: messages wait in the
 * outbox. Tells a passing failure from a permanent one.
 */
@ApplicationScoped
public class Smtp {

    /** How the connection is protected: none, STARTTLS (required, not opportunistic), or TLS from the start. */
    public enum Security {
        NONE,
        STARTTLS,
        TLS
    }

    /** Why a message was not sent, and whether trying again can change that. */
    public record Failure(boolean permanent, String reason) {}

    private static final Pattern REPLY = Pattern.compile("^\\s*([2-5])\\d\\d\\b");

    @Inject
    @ConfigProperty(name = "csirt.mail.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "csirt.mail.smtp.port", defaultValue = "587")
    int port;

    @Inject
    @ConfigProperty(name = "csirt.mail.smtp.security", defaultValue = "starttls")
    String security;

    @Inject
    @ConfigProperty(name = "csirt.mail.smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "csirt.mail.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "csirt.mail.smtp.timeout", defaultValue = "PT30S")
    Duration timeout;

    private Session session;

    @PostConstruct
    void configure() {
        Security mode = Security.valueOf(security.strip().toUpperCase(Locale.ROOT));
        Properties properties = new Properties();
        String protocol = mode == Security.TLS ? "smtps" : "smtp";
        properties.put("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        host.ifPresent(name -> properties.put(prefix + "host", name));
        properties.put(prefix + "port", String.valueOf(port));
        properties.put(prefix + "auth", String.valueOf(user.isPresent()));
        String millis = String.valueOf(timeout.toMillis());
        properties.put(prefix + "connectiontimeout", millis);
        properties.put(prefix + "timeout", millis);
        properties.put(prefix + "writetimeout", millis);
        if (mode == Security.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (mode != Security.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        session = Session.getInstance(properties);
    }

    /** Whether a server is configured; without one messages wait. */
    public boolean configured() {
        return host.isPresent();
    }

    public Session session() {
        return session;
    }

    /** A connection to the server, for as many messages as the caller sends on it. */
    public Transport connect() throws MessagingException {
        Transport transport = session.getTransport();
        if (user.isPresent()) {
            transport.connect(user.get(), password.orElse(""));
        } else {
            transport.connect();
        }
        return transport;
    }

    /**
     * A server's 5xx answer or an address that is not one is permanent; a 4xx answer, a refused or lost connection,
     * a timeout, or refused credentials (the operator fixes those) pass.
     */
    public static Failure classify(Exception failure) {
        String reason = describe(failure);
        for (Throwable cause : chain(failure)) {
            if (cause instanceof AuthenticationFailedException) {
                return new Failure(false, "the SMTP server refused the credentials: " + reason);
            }
            if (cause instanceof AddressException) {
                return new Failure(true, "invalid address: " + reason);
            }
            Matcher reply = REPLY.matcher(String.valueOf(cause.getMessage()));
            if (reply.find() && !reply.group(1).equals("2")) {
                return new Failure(reply.group(1).equals("5"), reason);
            }
        }
        return new Failure(false, reason);
    }

    /** Every message of the chain, with the addresses a refusal named. */
    static String describe(Exception failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause : chain(failure)) {
            String message = String.valueOf(cause.getMessage()).strip();
            if (!text.toString().contains(message)) {
                text.append(text.isEmpty() ? "" : "; ").append(message);
            }
            if (cause instanceof SendFailedException refused
                    && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0) {
                text.append(" (")
                        .append(Arrays.stream(refused.getInvalidAddresses())
                                .map(Object::toString)
                                .collect(Collectors.joining(", ")))
                        .append(")");
            }
        }
        return text.toString();
    }

    /** The failure and its causes (a MessagingException's next exception is its cause), a few at most. */
    private static List<Throwable> chain(Exception failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure;
                cause != null && chain.size() < 8 && !chain.contains(cause);
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
