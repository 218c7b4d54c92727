package org.csirtdesk.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.security.entity.StoredSignIn;

/**
 * The OpenID Connect sign-ins on their way through the provider, by state, each bound to the browser that
 * started it by a random value in a cookie of its own. Not in the desk's session: its cookie is SameSite=Strict,
 * and a browser does not send it with the provider's redirect back, which comes from another site. Kept in the
 * database for {@link OpenIdConnect#SIGN_IN_TIME}, so that the callback may come to any instance; the browser's
 * value only as its SHA-256.
 */
@ApplicationScoped
public class PendingSignIns {

    /**
     * Enough for any real crowd signing in at once; beyond it, the oldest go. Whoever starts sign-ins by the
     * thousand (each costs a row of some kilobytes) then fills no disk, and a person starting one is never refused:
     * refusing new ones instead would shut everyone out for the whole sign-in time once someone had filled the table,
     * while dropping the oldest costs only the sign-ins that have waited longest at the provider.
     */
    static final int MAX = 10_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    /**
     * Keeps the sign-in; the ones older than the sign-in time go at the same time (one indexed delete), and the
     * oldest beyond {@link #MAX}. Instances starting sign-ins at once may each count the same rows, so the table may
     * pass the cap by a few rows for a moment; the next start takes it back down.
     */
    @Transactional
    public void keep(PendingSignIn signIn, String browser) {
        em.createNamedQuery(StoredSignIn.EXPIRED)
                .setParameter("before", clock.instant().minus(OpenIdConnect.SIGN_IN_TIME))
                .executeUpdate();
        long pending = em.createNamedQuery(StoredSignIn.COUNT, Long.class).getSingleResult();
        if (pending >= MAX) {
            em.createNativeQuery("DELETE FROM pending_sign_ins ORDER BY started_at, state LIMIT ?1")
                    .setParameter(1, pending - MAX + 1)
                    .executeUpdate();
        }
        em.persist(new StoredSignIn(
                signIn.state(),
                sha256(browser),
                signIn.nonce(),
                signIn.codeVerifier(),
                signIn.redirectUri().toString(),
                signIn.next(),
                signIn.startedAt(),
                signIn.authorizationRequest().toString()));
    }

    /**
     * The sign-in of this state, when the same browser started it and it is younger than the sign-in time; taken
     * out whatever the outcome, so that an answer of the provider is used once, whoever brings it to whichever
     * instance: of two callbacks at once, only the one whose delete removed the row goes on.
     */
    @Transactional
    public Optional<PendingSignIn> take(String state, String browser) {
        StoredSignIn stored = state == null ? null : em.find(StoredSignIn.class, state);
        if (stored == null
                || em.createNamedQuery(StoredSignIn.TAKE)
                                .setParameter("state", state)
                                .executeUpdate()
                        != 1
                || browser == null
                || !MessageDigest.isEqual(stored.browserSha256(), sha256(browser))) {
            return Optional.empty();
        }
        Instant oldest = clock.instant().minus(OpenIdConnect.SIGN_IN_TIME);
        if (stored.startedAt().isBefore(oldest)) {
            return Optional.empty();
        }
        return Optional.of(new PendingSignIn(
                stored.state(),
                stored.nonce(),
                stored.codeVerifier(),
                URI.create(stored.redirectUri()),
                stored.nextPage(),
                stored.startedAt(),
                URI.create(stored.authorizationRequest())));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
