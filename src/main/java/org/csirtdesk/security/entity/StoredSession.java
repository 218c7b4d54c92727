package org.csirtdesk.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A desk session as every instance of the application sees it: found by the SHA-256 of its cookie's token, for
 * one caller (with the roles of the sign-in, which is all there is for a person signed in with OpenID Connect).
 * It ends when it has been idle for {@link Limits#idle()} or has lasted {@link Limits#absolute()}, whichever comes
 * first ({@code expiresAt}). Its last use is written at most once per {@link #seenStep(Limits)}, not on every
 * request: the idle limit is then kept to within that step.
 */
@NamedQuery(name = StoredSession.BY_TOKEN, query = "select s from StoredSession s where s.tokenSha256 = :token")
@NamedQuery(name = StoredSession.END, query = "delete from StoredSession s where s.tokenSha256 = :token")
@NamedQuery(
        name = StoredSession.END_ALL,
        query = "delete from StoredSession s where s.userName = :user and s.tokenSha256 <> :kept")
@NamedQuery(name = StoredSession.EXPIRED, query = "delete from StoredSession s where s.expiresAt <= :now")
@Entity
@Table(name = "desk_sessions")
public class StoredSession {

    public static final String BY_TOKEN = "StoredSession.byToken";
    public static final String END = "StoredSession.end";
    public static final String END_ALL = "StoredSession.endAll";
    public static final String EXPIRED = "StoredSession.expired";

    /** How often at most the last use is written. */
    static final Duration SEEN_STEP = Duration.ofMinutes(1);

    /** How long a session may stay idle, and how long it may last at all. */
    public record Limits(Duration idle, Duration absolute) {

        public Limits {
            if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
                throw new IllegalArgumentException(
                        "a desk session's idle and absolute limits must be longer than 0, not " + idle + " and "
                                + absolute);
            }
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_sha256", nullable = false, updatable = false, columnDefinition = "BINARY(32)")
    private byte[] tokenSha256;

    @Column(name = "user_name", nullable = false, updatable = false, length = 190)
    private String userName;

    @Column(name = "roles", nullable = false, updatable = false, length = 100)
    private String roles;

    @Column(name = "provider_sign_out", updatable = false)
    private String providerSignOut;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected StoredSession() {}

    /**
     * @param providerSignOut for a person signed in with OpenID Connect, where the browser goes to sign out at the
     *        provider too; null otherwise
     */
    public StoredSession(SessionToken token, Caller caller, String providerSignOut, Instant now, Limits limits) {
        this.tokenSha256 = token.sha256();
        this.userName = caller.name();
        this.roles = caller.roles().stream().map(Role::slug).sorted().collect(Collectors.joining(","));
        this.providerSignOut = providerSignOut;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = expiry(limits);
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /**
     * Notes a use of the session; only when the last noted one is at least a step old, so that a busy desk does not
     * write on every request. The expiry moves with it, never beyond the absolute limit.
     *
     * @return whether anything changed (and is to be written)
     */
    public boolean seenAt(Instant now, Limits limits) {
        if (now.isBefore(lastSeenAt.plus(seenStep(limits)))) {
            return false;
        }
        lastSeenAt = now;
        expiresAt = expiry(limits);
        return true;
    }

    /** A minute, or a quarter of the idle limit when that is shorter (a test's), so that a used session stays. */
    static Duration seenStep(Limits limits) {
        Duration quarter = limits.idle().dividedBy(4);
        return quarter.compareTo(SEEN_STEP) < 0 ? quarter : SEEN_STEP;
    }

    private Instant expiry(Limits limits) {
        Instant idle = lastSeenAt.plus(limits.idle());
        Instant absolute = createdAt.plus(limits.absolute());
        return idle.isBefore(absolute) ? idle : absolute;
    }

    /** The caller with the roles of the sign-in. */
    public Caller caller() {
        Set<Role> held = Arrays.stream(roles.split(","))
                .map(Role::parse)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return new Caller(userName, held);
    }

    public String providerSignOut() {
        return providerSignOut;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
