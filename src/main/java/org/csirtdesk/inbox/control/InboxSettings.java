package org.csirtdesk.inbox.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The incoming side's configuration: who may post to the mail gateway (addresses, and the SHA-256 digest of a
 * shared secret if one is set) and the size limits. The tag and address the letters use are the mail feature's
 * ({@link org.csirtdesk.mail.control.MailSettings}).
 */
@ApplicationScoped
public class InboxSettings {

    @Inject
    @ConfigProperty(name = "csirt.mail.gateway.allowed-addresses", defaultValue = "127.0.0.1")
    List<String> allowedAddresses;

    @Inject
    @ConfigProperty(name = "csirt.mail.gateway.secret-sha256")
    Optional<String> secretDigest;

    @Inject
    @ConfigProperty(name = "csirt.mail.max-message-bytes", defaultValue = "12582912")
    long maxMessageBytes;

    @Inject
    @ConfigProperty(name = "csirt.mail.max-attachment-bytes", defaultValue = "8388608")
    long maxAttachmentBytes;

    private Set<InetAddress> allowed;
    private byte[] secret;

    @PostConstruct
    void read() {
        allowed = allowedAddresses.stream()
                .map(String::strip)
                .filter(address -> !address.isEmpty())
                .map(InboxSettings::literal)
                .collect(Collectors.toUnmodifiableSet());
        secret = secretDigest
                .map(String::strip)
                .map(digest -> {
                    if (!digest.matches("[0-9a-fA-F]{64}")) {
                        throw new IllegalStateException(
                                "csirt.mail.gateway.secret-sha256 must be the SHA-256 digest of the secret "
                                        + "(64 hex digits, from: printf %s \"$SECRET\" | sha256sum), not the secret itself");
                    }
                    return HexFormat.of().parseHex(digest.toLowerCase());
                })
                .orElse(null);
    }

    /** Addresses only, never names: a name would make every check a DNS lookup. */
    private static InetAddress literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalStateException(
                    "csirt.mail.gateway.allowed-addresses lists IP addresses, not '" + address + "'");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "csirt.mail.gateway.allowed-addresses: '" + address + "' is no IP address", e);
        }
    }

    public boolean allows(String remoteAddress) {
        try {
            return remoteAddress != null
                    && remoteAddress.matches("[0-9a-fA-F:.]+(%[0-9A-Za-z]+)?")
                    && allowed.contains(InetAddress.getByName(remoteAddress));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean needsSecret() {
        return secret != null;
    }

    /** Compared in full whatever it is, so that timing tells nothing about the secret. */
    public boolean isSecret(String candidate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(candidate.getBytes(StandardCharsets.UTF_8));
            return secret != null && MessageDigest.isEqual(secret, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public long maxMessageBytes() {
        return maxMessageBytes;
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }
}
