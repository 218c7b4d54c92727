package org.csirtdesk.finding.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.csirtdesk.finding.entity.Source;
import org.eclipse.microprofile.config.Config;

/**
 * The API tokens of the monitoring sources. Configuration holds only their SHA-256 digests
 * ({@code csirt.alerts.<source>.token-sha256}, several to rotate a token without a gap), so neither the
 * configuration nor a leaked environment gives a token away. A token is a long random secret, so a plain
 * digest suffices; a password would need a slow hash.
 */
@ApplicationScoped
public class SourceTokens {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

    @Inject
    Config config;

    private final Map<Source, List<byte[]>> digests = new EnumMap<>(Source.class);

    @PostConstruct
    void load() {
        for (Source source : Source.values()) {
            String key = key(source);
            List<byte[]> configured = new ArrayList<>();
            for (String digest : config.getOptionalValues(key, String.class).orElse(List.of())) {
                if (!DIGEST.matcher(digest.strip()).matches()) {
                    throw new IllegalStateException(key + " must hold SHA-256 digests of tokens (64 hex digits each, "
                            + "e.g. from: printf %s \"$TOKEN\" | sha256sum), not the token itself");
                }
                configured.add(HexFormat.of().parseHex(digest.strip().toLowerCase()));
            }
            digests.put(source, List.copyOf(configured));
        }
    }

    public static String key(Source source) {
        return "csirt.alerts." + source.slug() + ".token-sha256";
    }

    public boolean isConfigured(Source source) {
        return !digests.get(source).isEmpty();
    }

    /** The source a token belongs to. Every digest is compared in full, so timing tells nothing about it. */
    public Optional<Source> sourceOf(String token) {
        byte[] digest = sha256(token);
        Source found = null;
        for (Map.Entry<Source, List<byte[]>> entry : digests.entrySet()) {
            for (byte[] candidate : entry.getValue()) {
                if (MessageDigest.isEqual(candidate, digest)) {
                    found = entry.getKey();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
