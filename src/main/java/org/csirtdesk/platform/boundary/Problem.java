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

    public static Problem of(DomainException e) {
        DomainException.Kind kind = e.kind();
        return of(kind.status, kind.type, kind.title, e.getMessage(), e.errors());
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
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
