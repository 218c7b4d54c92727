package org.csirtdesk.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The tests configure the application with a token's or secret's digest, as operators do, never the token itself. */
public final class Secrets {

    private Secrets() {}

    /** The hex of the SHA-256 of the UTF-8 bytes: the value of the {@code *.token-sha256} and {@code secret-sha256} settings. */
    public static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
