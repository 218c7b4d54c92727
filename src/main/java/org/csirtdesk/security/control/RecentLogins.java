package org.csirtdesk.security.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.csirtdesk.security.entity.Caller;

/**
 * Successful password checks, remembered for a short time: an API client sends its credentials with every
 * request, and a PBKDF2 check on each would cost it about 140 ms a call. The key is a SHA-256 of name and
 * password, so the password itself is never kept; a wrong password never matches an entry, and failures are
 * not remembered, so guessing stays as slow as PBKDF2 makes it.
 *
 * <p>The price: for up to {@code keep} after a check, the caller keeps the roles it had then, and a disabled
 * user or a changed password still works on the instance that remembered it.
 */
final class RecentLogins {

    private record Entry(Caller caller, Instant until) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration keep;

    RecentLogins(Clock clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    Optional<Caller> find(String name, String password) {
        return find(key(name, password));
    }

    /** Entries come only from successful checks, so there are about as many as users; expired ones go here. */
    void remember(String name, String password, Caller caller) {
        remember(key(name, password), caller);
    }

    /**
     * A signed-in session's user as the database last showed it (enabled, with these roles), checked again
     * after {@code keep}; the key cannot be a password entry's, which is hexadecimal.
     */
    Optional<Caller> findSignedIn(String name) {
        return find("user:" + name);
    }

    void rememberSignedIn(Caller caller) {
        remember("user:" + caller.name(), caller);
    }

    /** Forgets every entry of the user: a change made on this instance counts at once here. */
    void forget(String name) {
        entries.values().removeIf(entry -> entry.caller().name().equals(name));
    }

    private Optional<Caller> find(String key) {
        if (keep.isZero()) {
            return Optional.empty();
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.until())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    private void remember(String key, Caller caller) {
        if (keep.isZero()) {
            return;
        }
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.until()));
        entries.put(key, new Entry(caller, now.plus(keep)));
    }

    /** The name ends at the 0 byte: a user name never contains one, so no other pair gives the same bytes. */
    private static String key(String name, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
