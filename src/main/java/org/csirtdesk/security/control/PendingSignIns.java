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

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    /** Keeps the sign-in; the ones older than the sign-in time go at the same time (one indexed delete). */
    @Transactional
    public void keep(PendingSignIn signIn, String browser) {
        em.createNamedQuery(StoredSignIn.EXPIRED)
                .setParameter("before", clock.instant().minus(OpenIdConnect.SIGN_IN_TIME))
                .executeUpdate();
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
