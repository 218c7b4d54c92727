package org.csirtdesk.security.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2 with HMAC-SHA-256 from the JDK, a random 16-byte salt per hash, written as a PHC
 * string {@code $pbkdf2-sha256$i=600000$<salt>$<hash>} (unpadded Base64). The iteration count travels in
 * the hash, so raising {@link #ITERATIONS} in a later build leaves every stored hash verifiable.
 */
public final class Passwords {

    /**
     * OWASP's figure for PBKDF2-HMAC-SHA-256 (2023; its 210,000 is for HMAC-SHA-512). About 140 ms on one
     * core of the 2-core test machine: slow for someone guessing, and logins are cached ({@link RecentLogins}).
     */
    public static final int ITERATIONS = 600_000;

    /** A hash claiming more is refused rather than computed for minutes. */
    static final int MAX_ITERATIONS = 10_000_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String ID = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern FORMAT =
            Pattern.compile("\\$" + ID + "\\$i=(\\d{1,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    public static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$" + ID + "$i=" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Whether {@code password} is the one {@code hash} was made from, with the hash's own salt and iteration
     * count. The comparison takes the same time wherever the first difference is.
     *
     * @throws IllegalArgumentException if {@code hash} is not a hash this class writes: a damaged row is an
     *         operator's problem to see, not a wrong password
     */
    public static boolean verify(String password, String hash) {
        Matcher parts = FORMAT.matcher(hash == null ? "" : hash);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a $" + ID + "$ password hash");
        }
        int iterations = Integer.parseInt(parts.group(1));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the hash's iteration count " + iterations + " is out of range");
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts.group(2));
            expected = Base64.getDecoder().decode(parts.group(3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hash's salt or value is not Base64", e);
        }
        if (salt.length < SALT_BYTES || expected.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash's salt is shorter than " + SALT_BYTES
                    + " bytes or its value is not " + HASH_BYTES + " bytes long");
        }
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] characters = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(characters, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every Java 17 runtime has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
            Arrays.fill(characters, '\0');
        }
    }
}
