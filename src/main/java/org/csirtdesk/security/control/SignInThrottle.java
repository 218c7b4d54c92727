package org.csirtdesk.security.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.entity.User;

/**
 * Slows password guessing down without locking anyone out. Failed sign-ins are counted per user name and per
 * client address within {@code window} of the first of them; once a name has had {@code maxPerName} or an
 * address {@code maxPerAddress}, each further WRONG attempt for it is answered 429 with a Retry-After that doubles with
 * every failure (1 s, 2 s, 4 s ... up to the window) instead of 401. A right password is never refused: the
 * password is always checked, so nobody (guessing random names from the address the whole CSIRT shares behind a
 * proxy, or guessing a colleague's name) can keep a user out. What bounds guessing is then the check itself (PBKDF2,
 * about 140 ms of a core each) and the client told to wait; the counts and every failure in the log show it.
 *
 * <p>A success clears the name's failures (not the address's: one right password must not hide many guesses from
 * the same place). Every failure is logged at WARNING with the name and the address, every checked success at
 * INFO; never a password. The counts are kept in the database ({@link SignInFailures}), so that
 * every instance of a cluster adds to the same counts. Only a possible user name is counted as one, so a guesser
 * adds at most one count per failure (and one for the address), and expired counts are deleted.
 */
public final class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());
    /** An IPv4 or IPv6 address as a servlet container gives it. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]%]{1,64}");
    /** The keys of a name's and of an address's count: "name:alice", "address:192.0.2.1". */
    private static final String NAME = "name:";

    private static final String ADDRESS_KEY = "address:";
    /** 2^20 s is longer than any sensible window: beyond that the doubling would only overflow. */
    private static final int MAX_DOUBLINGS = 20;

    private final SignInFailures failures;
    private final Clock clock;
    private final int maxPerName;
    private final int maxPerAddress;
    private final Duration window;

    public SignInThrottle(SignInFailures failures, Clock clock, int maxPerName, int maxPerAddress, Duration window) {
        if (maxPerName < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "the sign-in limits must be at least 1 and the window longer than 0, not " + maxPerName + ", "
                            + maxPerAddress + ", " + window);
        }
        this.failures = failures;
        this.clock = clock;
        this.maxPerName = maxPerName;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /**
     * Counts a wrong attempt (a wrong password, an unknown or disabled user).
     *
     * @param address the client's address; {@code null} when the caller does not know it (then only the name counts)
     * @throws DomainException TOO_MANY_REQUESTS, with the time to wait, once the name or the address has reached its
     *                         limit: the caller answers that instead of "wrong password"
     */
    public void failed(String name, String address) {
        Instant now = clock.instant();
        String user = userName(name);
        int byName = user == null ? 0 : failures.count(NAME + user, now, window);
        int byAddress = address == null ? 0 : failures.count(ADDRESS_KEY + address, now, window);
        Optional<Duration> wait = Stream.of(delay(byName, maxPerName), delay(byAddress, maxPerAddress))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
        LOG.warning(() -> "Sign-in failed: user " + shown(name) + " from " + shown(address) + " (" + byName + " of "
                + maxPerName + " for the name, " + byAddress + " of " + maxPerAddress + " from the address within "
                + window + (wait.isPresent() ? "; asked to wait " + wait.get().toSeconds() + " s" : "") + ")");
        if (wait.isPresent()) {
            throw DomainException.rateLimited(
                    "the user name or password is wrong, and there were too many failed "
                            + "sign-ins for this user name or from this address: wait "
                            + Math.max(1, wait.get().toSeconds())
                            + " s before trying again",
                    wait.get());
        }
    }

    public void succeeded(String name, String address) {
        if (userName(name) != null) {
            failures.clear(NAME + name);
        }
        LOG.info(() -> "Signed in: user " + shown(name) + " from " + shown(address));
    }

    /** Nothing up to the limit; beyond it, 1 s doubling with each further failure, at most the window. */
    private Optional<Duration> delay(int failures, int max) {
        if (failures <= max) {
            return Optional.empty();
        }
        Duration doubled = Duration.ofSeconds(1L << Math.min(MAX_DOUBLINGS, failures - max - 1));
        return Optional.of(doubled.compareTo(window) > 0 ? window : doubled);
    }

    /** Only a possible user name counts as one: any other string is no one's, and must not fill the memory. */
    private static String userName(String name) {
        return name != null && User.NAME.matcher(name).matches() ? name : null;
    }

    /** A name or address as the log may show it: nothing a request could use to forge a log line. */
    private static String shown(String text) {
        if (text == null) {
            return "(unknown)";
        }
        return userName(text) != null || ADDRESS.matcher(text).matches()
                ? text
                : "(not shown: not a user name or address)";
    }
}
