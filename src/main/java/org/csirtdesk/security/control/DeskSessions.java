package org.csirtdesk.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.DeskSession;
import org.csirtdesk.security.entity.SessionToken;
import org.csirtdesk.security.entity.StoredSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The desk sessions, in the database, so that every instance of the application knows them: a session made on
 * one works on another, and ending one (signing out, signing out everywhere, disabling the user, changing their
 * password) ends it on all at once. Each request costs one read by the token's hash, and a write at most once a
 * minute per session.
 *
 * <p>Sessions count real time, not the exercise clock: an exercise moving its clock days ahead must not sign
 * everybody out.
 */
@ApplicationScoped
public class DeskSessions {

    private static final Logger LOG = Logger.getLogger(DeskSessions.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    /** A duty officer's shift. */
    @Inject
    @ConfigProperty(name = "csirt.security.session.idle", defaultValue = "PT8H")
    Duration idle;

    /** However busy, a session is signed in again after this. */
    @Inject
    @ConfigProperty(name = "csirt.security.session.absolute", defaultValue = "P7D")
    Duration absolute;

    private StoredSession.Limits limits;

    @PostConstruct
    void readLimits() {
        limits = new StoredSession.Limits(idle, absolute);
    }

    /** A new session for the caller, with a new token (a token planted before the sign-in is worth nothing). */
    @Transactional
    public SessionToken start(Caller caller, String providerSignOut) {
        SessionToken token = SessionToken.random();
        em.persist(new StoredSession(token, caller, providerSignOut, now(), limits));
        return token;
    }

    /** The live session of this cookie's token, its last use noted (at most once a minute). */
    @Transactional
    public Optional<DeskSession> find(SessionToken token) {
        Instant now = now();
        Optional<StoredSession> stored = em.createNamedQuery(StoredSession.BY_TOKEN, StoredSession.class)
                .setParameter("token", token.sha256())
                .getResultStream()
                .findFirst()
                .filter(session -> session.isLiveAt(now));
        // A change to a managed entity is written at the commit; an unchanged one costs no write.
        stored.ifPresent(session -> session.seenAt(now, limits));
        return stored.map(session -> DeskSession.of(token, session));
    }

    /** Signing out: the session ends on every instance. */
    @Transactional
    public void end(SessionToken token) {
        em.createNamedQuery(StoredSession.END)
                .setParameter("token", token.sha256())
                .executeUpdate();
    }

    /**
     * Ends every session of the user, wherever it was made: signing out everywhere, a disabled user, a changed
     * password. Joins the caller's transaction, so a user change and the end of their sessions commit together.
     *
     * @param kept a session to keep (the one in which the user changed their own password), if any
     * @return how many ended
     */
    @Transactional
    public int endAll(String userName, Optional<SessionToken> kept) {
        int ended = em.createNamedQuery(StoredSession.END_ALL)
                .setParameter("user", userName)
                // No token hashes to 32 zero bytes: with none kept, every session matches.
                .setParameter("kept", kept.map(SessionToken::sha256).orElseGet(() -> new byte[32]))
                .executeUpdate();
        LOG.info(() -> "Ended " + ended + " desk session(s) of " + userName);
        return ended;
    }

    /** Deletes the expired sessions; every instance may, a second delete finds nothing. */
    @Transactional
    public int purge() {
        return em.createNamedQuery(StoredSession.EXPIRED)
                .setParameter("now", now())
                .executeUpdate();
    }

    private Instant now() {
        return clock.instant().minus(clock.ahead());
    }
}
