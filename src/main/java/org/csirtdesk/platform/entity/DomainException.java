package org.csirtdesk.platform.entity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A refusal the caller can understand and act on. The boundary turns it into an
 * {@code application/problem+json} answer; {@link Kind} says which HTTP status fits.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        INVALID(400, "invalid-request", "The request is invalid"),
        /** No user, or a wrong password: the answer asks for HTTP Basic credentials. */
        UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
        FORBIDDEN(403, "forbidden", "Forbidden"),
        NOT_FOUND(404, "not-found", "Not found"),
        CONFLICT(409, "conflict", "The request conflicts with the current state"),
        PRECONDITION_FAILED(412, "stale-version", "The resource was changed by someone else"),
        TOO_LARGE(413, "too-large", "The request body is too large"),
        PRECONDITION_REQUIRED(428, "precondition-required", "An If-Match header is required"),
        /** Refused for a while, e.g. sign-ins after too many failures; the answer says when to retry. */
        TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
        BAD_GATEWAY(502, "upstream-failed", "A service this request depends on failed");

        public final int status;
        public final String type;
        public final String title;

        Kind(int status, String type, String title) {
            this.status = status;
            this.type = type;
            this.title = title;
        }
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

    /** TOO_MANY_REQUESTS, answered with {@code Retry-After} in whole seconds (at least one). */
    public static DomainException tooManyRequests(String detail, Duration retryAfter) {
        return new DomainException(Kind.TOO_MANY_REQUESTS, detail, List.of(), retryAfter);
    }

    public static DomainException invalid(String field, String reason) {
        return new DomainException(Kind.INVALID, field + ": " + reason, List.of(new FieldError(field, reason)));
    }

    public static DomainException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new DomainException(Kind.INVALID, detail, errors);
    }

    public static DomainException notFound(String what) {
        return new DomainException(Kind.NOT_FOUND, what + " does not exist");
    }

    public static DomainException conflict(String field, String reason) {
        return new DomainException(Kind.CONFLICT, reason, List.of(new FieldError(field, reason)));
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
