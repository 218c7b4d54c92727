package org.csirtdesk.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.SessionToken;
import org.csirtdesk.security.entity.User;
import org.csirtdesk.security.entity.UserChangeEntry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The users: adding, listing and changing them, and checking a name and password ({@link SignInThrottle} slows
 * guessing, {@link RecentLogins} spares a repeated check). Changes are logged with the actor and what changed
 * (never a password): the users table keeps who made a user, the log who changed one.
 */
@ApplicationScoped
public class Users {

    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    DeskSessions sessions;

    @Inject
    SignInFailures failures;

    @Inject
    @ConfigProperty(name = "csirt.security.login-cache-seconds", defaultValue = "300")
    long loginCacheSeconds;

    @Inject
    @ConfigProperty(name = "csirt.security.sign-in.max-failures", defaultValue = "5")
    int maxFailuresPerName;

    @Inject
    @ConfigProperty(name = "csirt.security.sign-in.max-failures-per-address", defaultValue = "20")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "csirt.security.sign-in.window", defaultValue = "PT15M")
    Duration failureWindow;

    private RecentLogins recent;
    private SignInThrottle throttle;

    /** Checked when there is no such user, so that an unknown name costs as long as a wrong password. */
    private String decoy;

    @PostConstruct
    void start() {
        recent = new RecentLogins(clock, Duration.ofSeconds(Math.max(0, loginCacheSeconds)));
        throttle = new SignInThrottle(failures, clock, maxFailuresPerName, maxFailuresPerAddress, failureWindow);
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
        User user = new User(
                draft.name(),
                Passwords.hash(draft.password()),
                draft.roleSet(),
                draft.address(),
                clock.instant(),
                actor);
        try {
            em.persist(user);
            em.flush();
            em.persist(new UserChangeEntry(
                    user,
                    user.createdAt(),
                    actor,
                    "added with roles " + user.roles().stream().map(Role::slug).toList()));
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
        return em.createNamedQuery(User.BY_NAME, User.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** What was done to the user, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserChangeEntry> changes(User user) {
        return em.createNamedQuery(UserChangeEntry.OF_USER, UserChangeEntry.class)
                .setParameter("user", user.id())
                .getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return em.createNamedQuery(User.COUNT, Long.class).getSingleResult();
    }

    /**
     * The caller these credentials belong to: an enabled user whose password they carry. The login cache is asked
     * first and a right password always signs in, however many failures the name or the address has had: only a
     * wrong attempt beyond {@link SignInThrottle}'s limits is answered with a time to wait. Read outside any
     * transaction, so that no database connection is held through the PBKDF2 check.
     *
     * @param address the client's address (see {@code TrustedProxies})
     * @throws DomainException TOO_MANY_REQUESTS (429, with the time to wait) for a wrong attempt beyond the limits
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<Caller> authenticate(String name, String password, String address) {
        Optional<Caller> remembered = recent.find(name, password);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<Caller> caller = check(name, password);
        if (caller.isPresent()) {
            recent.remember(name, password, caller.get());
            throttle.succeeded(name, address);
        } else {
            throttle.failed(name, address);
        }
        return caller;
    }

    /** The PBKDF2 check; an unknown name costs as long as a wrong password. */
    private Optional<Caller> check(String name, String password) {
        if (!User.NAME.matcher(name).matches() || password.length() > UserDraft.MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        Optional<User> user = find(name);
        boolean matches =
                Passwords.verify(password, user.map(User::passwordHash).orElse(decoy));
        if (user.isEmpty() || !matches || !user.get().isEnabled()) {
            return Optional.empty();
        }
        return Optional.of(user.get().caller());
    }

    /** The roles that work tickets: only their holders may own one. */
    public static final Set<Role> TICKET_ROLES = EnumSet.of(Role.CSIRT, Role.COORDINATOR);

    /** The enabled users who may own a ticket, by name: what the desk's owner picker offers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<User> ticketOwners() {
        return list().stream().filter(Users::mayOwnTickets).toList();
    }

    /**
     * Checks that {@code name} may own a ticket: an existing, enabled user with the role csirt or coordinator.
     *
     * @throws DomainException INVALID naming {@code field} and why not
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkTicketOwner(String field, String name) {
        User user = find(name)
                .orElseThrow(() -> DomainException.invalid(field, "'" + name + "' is not a user of the desk"));
        if (!user.isEnabled()) {
            throw DomainException.invalid(field, "'" + name + "' is disabled and cannot own tickets");
        }
        if (!mayOwnTickets(user)) {
            throw DomainException.invalid(
                    field, "'" + name + "' has neither role csirt nor coordinator and cannot own tickets");
        }
    }

    private static boolean mayOwnTickets(User user) {
        return user.isEnabled() && user.roles().stream().anyMatch(TICKET_ROLES::contains);
    }

    /** Every user, by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<User> list() {
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    /**
     * Changes a user. Who may ask is the boundary's rule (admins anything, a user their own password); here:
     * a user changing their own password proves it with the current one, and no change leaves the
     * installation without an enabled admin. The change counts at once on this instance (its login cache
     * forgets the user) and within the login cache time on the others. Disabling a user or setting their
     * password ends their desk sessions at once, on every instance; only the session in which a user changed their
     * own password stays.
     *
     * @param actorSession the desk session the change was made in, if any
     *
     * @throws DomainException INVALID naming each bad field, NOT_FOUND, CONFLICT for the last admin
     */
    @Transactional
    public User change(String name, UserChange change, String actor, Optional<SessionToken> actorSession) {
        List<FieldError> problems = change.problems();
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems);
        }
        User user = em.createNamedQuery(User.BY_NAME, User.class)
                .setParameter("name", name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("user '" + name + "'"));
        if (change.password() != null && name.equals(actor)) {
            if (change.currentPassword() == null || !Passwords.verify(change.currentPassword(), user.passwordHash())) {
                throw DomainException.invalid(
                        "currentPassword", "is not your current password; changing your own " + "password needs it");
            }
        }
        boolean wasAdmin = user.isEnabled() && user.roles().contains(Role.ADMIN);
        if (change.enabled() != null) {
            user.setEnabled(change.enabled());
        }
        if (change.roles() != null) {
            user.assignRoles(change.roleSet());
        }
        if (change.changesEmail()) {
            user.changeEmail(change.address());
        }
        if (change.password() != null) {
            user.changePasswordHash(Passwords.hash(change.password()));
        }
        if (wasAdmin && !(user.isEnabled() && user.roles().contains(Role.ADMIN)) && enabledAdmins() == 0) {
            throw DomainException.conflict(
                    change.enabled() != null && !change.enabled() ? "enabled" : "roles",
                    name + " is the last enabled admin: make another user admin first");
        }
        em.persist(new UserChangeEntry(user, clock.instant(), actor, change.summary()));
        em.flush();
        if (!user.isEnabled() || change.password() != null) {
            sessions.endAll(name, name.equals(actor) ? actorSession : Optional.empty());
        }
        recent.forget(name);
        LOG.info(() -> "User '" + name + "' changed by " + actor + ": " + change.summary());
        return user;
    }

    /** Deletes the sign-in throttle's counts whose window has passed. */
    public int purgeFailures() {
        return failures.purge(clock.instant(), failureWindow);
    }

    /**
     * Ends every desk session of the user, on every instance; recorded in the user's changes.
     *
     * @return how many ended
     * @throws DomainException NOT_FOUND
     */
    @Transactional
    public int endSessions(String name, String actor) {
        User user = find(name).orElseThrow(() -> DomainException.notFound("user '" + name + "'"));
        int ended = sessions.endAll(name, Optional.empty());
        em.persist(new UserChangeEntry(
                user, clock.instant(), actor, "signed out everywhere (" + ended + " desk sessions)"));
        LOG.info(() -> "User '" + name + "' signed out everywhere by " + actor + ": " + ended + " desk sessions");
        return ended;
    }

    /**
     * The user a signed-in session acts for as they are now: empty once disabled or removed, with the roles
     * they hold now. Remembered for the login cache time, so a session costs no second query on each request;
     * that time is how long changed roles take to apply on another instance (a disabled user's sessions are
     * deleted at once, {@link #change}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Caller> signedIn(String name) {
        Optional<Caller> remembered = recent.findSignedIn(name);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<Caller> now = find(name).filter(User::isEnabled).map(User::caller);
        now.ifPresent(recent::rememberSignedIn);
        return now;
    }

    private long enabledAdmins() {
        return em.createNamedQuery(User.COUNT_ENABLED_WITH_ROLE, Long.class)
                .setParameter("admin", Role.ADMIN)
                .getSingleResult();
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
