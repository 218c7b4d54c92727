package org.csirtdesk.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;

/** An RFC 9457 problem document, the body of every error answer of the API. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://csirt-desk.example/problems/";

    public static Problem of(int status, String typeSlug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + typeSlug, title, status, detail, errors.isEmpty() ? null : errors);
    }

    /** Made once: JSON-B instances are costly to build and safe to share. */
    private static final Jsonb JSON = JsonbBuilder.create();

    /** How the API answers a kind of refusal: its HTTP status, the problem type's last segment, and the title. */
    private record Answer(int status, String type, String title) {}

    /** The one table from refusals to HTTP; a switch, so that a new kind without an answer does not compile. */
    private static Answer answer(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> new Answer(400, "invalid-request", "The request is invalid");
            // No user, or a wrong password: the answer asks for credentials (ProblemMappers adds the challenge).
            case UNAUTHENTICATED -> new Answer(401, "unauthorized", "Unauthorized");
            case NOT_PERMITTED -> new Answer(403, "forbidden", "Forbidden");
            case NOT_FOUND -> new Answer(404, "not-found", "Not found");
            case CONFLICTING_STATE -> new Answer(409, "conflict", "The request conflicts with the current state");
            case STALE_VERSION -> new Answer(412, "stale-version", "The resource was changed by someone else");
            case TOO_LARGE -> new Answer(413, "too-large", "The request body is too large");
            case VERSION_REQUIRED -> new Answer(428, "precondition-required", "An If-Match header is required");
            case RATE_LIMITED -> new Answer(429, "too-many-requests", "Too many requests");
            case UPSTREAM_FAILED -> new Answer(502, "upstream-failed", "A service this request depends on failed");
        };
    }

    public static Problem of(DomainException e) {
        return of(e.kind(), e.getMessage(), e.errors());
    }

    public static Problem of(DomainException.Kind kind, String detail, List<FieldError> errors) {
        Answer answer = answer(kind);
        return of(answer.status(), answer.type(), answer.title(), detail, errors);
    }

    /** The HTTP status a refusal of this kind is answered with. */
    public static int statusOf(DomainException.Kind kind) {
        return answer(kind).status();
    }

    /**
     * Writes the problem as the whole answer, where a servlet or the authentication mechanism answers, not JAX-RS;
     * with the security headers, since the authentication mechanism answers before any filter has set them.
     */
    public void writeTo(HttpServletResponse response) throws IOException {
        SecurityHeaders.setOn(response);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.getOutputStream().write(JSON.toJson(this).getBytes(StandardCharsets.UTF_8));
    }

    /** Whole seconds, rounded up: a client that waits as told is not refused again for the same reason. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public Response toResponse() {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(this)
                .build();
    }
}
