package org.csirtdesk.security.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret a desk session's cookie carries: 256 random bits. The database keeps only its SHA-256, so that a
 * dump of it signs nobody in; the session's CSRF token is derived from it, so it needs no column either.
 */
public record SessionToken(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static SessionToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SessionToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** What the database keeps and looks the session up by. */
    public byte[] sha256() {
        return digest("", value);
    }

    /**
     * The token the session's changes carry in {@code X-CSRF-Token}: a hash of the cookie's token under another
     * label, so that a page may read it without learning the cookie's, and the database learns neither.
     */
    public String csrfToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest("csrf\0", value));
    }

    private static byte[] digest(String label, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.UTF_8));
            return digest.digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SessionToken[not shown]";
    }
}
