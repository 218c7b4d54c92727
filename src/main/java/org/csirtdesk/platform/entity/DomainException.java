package org.csirtdesk.platform.entity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A refusal the caller can understand and act on. {@link Kind} says what was refused and why, in the terms of the
 * application; how each kind is answered (HTTP status, problem type, title) is the boundary's business
 * ({@code platform.boundary.Problem}).
 */
public class DomainException extends RuntimeException {

    /** Why the request was refused. */
    public enum Kind {
        /** A field of the request is missing, malformed or out of range. */
        INVALID_INPUT,
        /** No user, or a wrong password. */
        UNAUTHENTICATED,
        /** The user is known, but the action is not theirs to take, or not now (the clock outside an exercise). */
        NOT_PERMITTED,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The current state does not allow it: a transition its table lacks, a procedure clause's rule, a duplicate. */
        CONFLICTING_STATE,
        /** The change was made against a version someone else has changed since. */
        STALE_VERSION,
        /** The request is too large to read. */
        TOO_LARGE,
        /** A change that must name the version it was made against did not. */
        VERSION_REQUIRED,
        /** Refused for a while, e.g. sign-ins after too many failures; {@link DomainException#retryAfter()} says how long. */
        RATE_LIMITED,
        /** A service the request depends on (GOCDB, the identity provider) failed or refused. */
        UPSTREAM_FAILED
    }

    private final Kind kind;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public DomainException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public DomainException(Kind kind, String detail, List<FieldError> errors) {
        this(kind, detail, errors, null);
    }

    private DomainException(Kind kind, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** RATE_LIMITED, answered with {@code Retry-After} in whole seconds (at least one). */
    public static DomainException rateLimited(String detail, Duration retryAfter) {
        return new DomainException(Kind.RATE_LIMITED, detail, List.of(), retryAfter);
    }

    public static DomainException invalid(String field, String reason) {
        return new DomainException(Kind.INVALID_INPUT, field + ": " + reason, List.of(new FieldError(field, reason)));
    }

    public static DomainException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new DomainException(Kind.INVALID_INPUT, detail, errors);
    }

    public static DomainException notFound(String what) {
        return new DomainException(Kind.NOT_FOUND, what + " does not exist");
    }

    public static DomainException conflict(String field, String reason) {
        return new DomainException(Kind.CONFLICTING_STATE, reason, List.of(new FieldError(field, reason)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long the caller should wait before trying again, when the refusal is for a while only. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
