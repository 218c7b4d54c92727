package org.csirtdesk.security.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.entity.User;

/**
 * Stops password guessing: after {@code maxPerName} failed sign-ins for one user name, or {@code maxPerAddress}
 * from one client address, within {@code window} of the first of them, further attempts for that name or from
 * that address are refused (429 with Retry-After) without looking at the password, until that window has
 * passed. A success clears the name's failures (not the address's: one right password must not hide many
 * guesses from the same place). Every failure is logged at WARNING with the name and the address, every
 * checked success at INFO; never a password.
 *
 * <p>The counts are kept in this instance's memory: each instance of a cluster counts on its own, and a
 * restart forgets them. Expired counts are dropped at each failure, so there are at most as many as failures
 * within one window, which PBKDF2 already makes slow.
 */
public final class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());
    /** An IPv4 or IPv6 address as a servlet container gives it. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]%]{1,64}");

    /** Failures since the first one of the current window. */
    private record Tally(Instant since, int failures) {
    }

    private final Map<String, Tally> names = new ConcurrentHashMap<>();
    private final Map<String, Tally> addresses = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxPerName;
    private final int maxPerAddress;
    private final Duration window;

    public SignInThrottle(Clock clock, int maxPerName, int maxPerAddress, Duration window) {
        if (maxPerName < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the sign-in limits must be at least 1 and the window longer than 0, not "
                    + maxPerName + ", " + maxPerAddress + ", " + window);
        }
        this.clock = clock;
        this.maxPerName = maxPerName;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /**
     * Lets an attempt through, or refuses it when the name or the address has used up its failures.
     *
     * @param address the client's address; {@code null} when the caller does not know it (then only the name counts)
     * @throws DomainException TOO_MANY_REQUESTS with the time until the attempt would be let through
     */
    public void check(String name, String address) {
        Instant now = clock.instant();
        Optional<Duration> wait = Stream.of(waitFor(names, userName(name), maxPerName, now), waitFor(addresses, address, maxPerAddress, now))
                .flatMap(Optional::stream).max(Duration::compareTo);
        if (wait.isPresent()) {
            LOG.warning(() -> "Sign-in refused without checking the password, too many failures: user " + shown(name)
                    + " from " + shown(address) + " (for " + wait.get().toSeconds() + " s more)");
            throw DomainException.rateLimited("too many failed sign-ins for this user name or from this address: "
                    + "try again in " + Math.max(1, wait.get().toSeconds()) + " s", wait.get());
        }
    }

    public void failed(String name, String address) {
        Instant now = clock.instant();
        names.values().removeIf(tally -> expired(tally, now));
        addresses.values().removeIf(tally -> expired(tally, now));
        int byName = count(names, userName(name), now);
        int byAddress = count(addresses, address, now);
        LOG.warning(() -> "Sign-in failed: user " + shown(name) + " from " + shown(address) + " (" + byName + " of "
                + maxPerName + " for the name, " + byAddress + " of " + maxPerAddress + " from the address within "
                + window + ")");
    }

    public void succeeded(String name, String address) {
        names.remove(name);
        LOG.info(() -> "Signed in: user " + shown(name) + " from " + shown(address));
    }

    private Optional<Duration> waitFor(Map<String, Tally> tallies, String key, int max, Instant now) {
        Tally tally = key == null ? null : tallies.get(key);
        if (tally == null || tally.failures() < max || expired(tally, now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, tally.since().plus(window)));
    }

    /** Counts a failure against the key, in a new window when the last one has passed; 0 for no key. */
    private int count(Map<String, Tally> tallies, String key, Instant now) {
        if (key == null) {
            return 0;
        }
        return tallies.compute(key, (k, tally) -> tally == null || expired(tally, now)
                ? new Tally(now, 1) : new Tally(tally.since(), tally.failures() + 1)).failures();
    }

    /** Only a possible user name counts as one: any other string is no one's, and must not fill the memory. */
    private static String userName(String name) {
        return name != null && User.NAME.matcher(name).matches() ? name : null;
    }

    private boolean expired(Tally tally, Instant now) {
        return !now.isBefore(tally.since().plus(window));
    }

    /** A name or address as the log may show it: nothing a request could use to forge a log line. */
    private static String shown(String text) {
        if (text == null) {
            return "(unknown)";
        }
        return userName(text) != null || ADDRESS.matcher(text).matches() ? text : "(not shown: not a user name or address)";
    }
}
