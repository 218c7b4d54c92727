package org.csirtdesk.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.User;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The users: adding one, finding one, and checking a name and password (see {@link RecentLogins} for the cache). */
@ApplicationScoped
public class Users {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    @ConfigProperty(name = "csirt.security.login-cache-seconds", defaultValue = "300")
    long loginCacheSeconds;

    private RecentLogins recent;

    /** Checked when there is no such user, so that an unknown name costs as long as a wrong password. */
    private String decoy;

    @PostConstruct
    void start() {
        recent = new RecentLogins(clock, Duration.ofSeconds(Math.max(0, loginCacheSeconds)));
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        decoy = Passwords.hash(HexFormat.of().formatHex(secret));
    }

    /**
     * Adds an enabled user.
     *
     * @throws DomainException INVALID naming each bad field, CONFLICT if the name is taken
     */
    @Transactional
    public User add(UserDraft draft, String actor) {
        List<FieldError> problems = draft.problems();
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        if (find(draft.name()).isPresent()) {
            throw taken(draft.name());
        }
        User user = new User(draft.name(), Passwords.hash(draft.password()), draft.roleSet(), draft.address(),
                clock.instant(), actor);
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            // Two requests for the same new name at once: the unique key decides, the loser hears 409.
            if (isDuplicate(e)) {
                throw taken(draft.name());
            }
            throw e;
        }
        return user;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<User> find(String name) {
        return em.createQuery("select u from User u where u.name = :name", User.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
    }

    /**
     * The caller these credentials belong to: an enabled user whose password they carry. Read outside any
     * transaction, so that no database connection is held through the PBKDF2 check.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<Caller> authenticate(String name, String password) {
        if (!User.NAME.matcher(name).matches() || password.length() > UserDraft.MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        Optional<Caller> remembered = recent.find(name, password);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<User> user = find(name);
        boolean matches = Passwords.verify(password, user.map(User::passwordHash).orElse(decoy));
        if (user.isEmpty() || !matches || !user.get().isEnabled()) {
            return Optional.empty();
        }
        Caller caller = user.get().caller();
        recent.remember(name, password, caller);
        return Optional.of(caller);
    }

    private static DomainException taken(String name) {
        return DomainException.conflict("name", "a user named '" + name + "' exists already");
    }

    /** MariaDB's ER_DUP_ENTRY. */
    private static boolean isDuplicate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == 1062) {
                return true;
            }
        }
        return false;
    }
}
