package org.csirtdesk.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.csirtdesk.platform.control.ApplicationClock;

/**
 * The OpenID Connect sign-ins on their way through the provider, by state, each bound to the browser that
 * started it by a random value in a cookie of its own. Not in the HTTP session: the desk's session cookie is
 * SameSite=Strict, and a browser does not send it with the provider's redirect back, which comes from
 * another site. Kept in memory for {@link OpenIdConnect#SIGN_IN_TIME}, like a session, per instance.
 */
@ApplicationScoped
public class PendingSignIns {

    /** Enough for any real crowd signing in at once; beyond it, the oldest go (someone filling memory). */
    static final int MAX = 10_000;

    private record Entry(PendingSignIn signIn, String browser) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    ApplicationClock clock;

    public void keep(PendingSignIn signIn, String browser) {
        Instant oldest = clock.instant().minus(OpenIdConnect.SIGN_IN_TIME);
        entries.values().removeIf(entry -> entry.signIn().startedAt().isBefore(oldest));
        while (entries.size() >= MAX) {
            entries.entrySet().stream()
                    .min(Comparator.comparing(entry -> entry.getValue().signIn().startedAt()))
                    .ifPresent(entry -> entries.remove(entry.getKey()));
        }
        entries.put(signIn.state(), new Entry(signIn, browser));
    }

    /**
     * The sign-in of this state, when the same browser started it; taken out, so that an answer of the provider
     * is used once, whoever brings it.
     */
    public Optional<PendingSignIn> take(String state, String browser) {
        Entry entry = state == null ? null : entries.remove(state);
        if (entry == null
                || browser == null
                || !MessageDigest.isEqual(
                        entry.browser().getBytes(StandardCharsets.UTF_8), browser.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(entry.signIn());
    }
}
