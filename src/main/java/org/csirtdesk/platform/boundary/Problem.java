package org.csirtdesk.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.csirtdesk.platform.entity.FieldError;

/** An RFC 9457 problem document, the body of every error answer of the API. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://csirt-desk.example/problems/";

    public static Problem of(int status, String typeSlug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + typeSlug, title, status, detail, errors.isEmpty() ? null : errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
