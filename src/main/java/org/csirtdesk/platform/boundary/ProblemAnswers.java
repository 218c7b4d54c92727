package org.csirtdesk.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.platform.entity.FieldError;

/**
 * Every answer of the API that is an error is problem+json with the security headers, whatever path it took: the
 * exception mappers answer what JAX-RS meets, and this filter what escapes them (an exception at commit, a
 * container's {@code sendError}), which the container would answer with an empty 500 or an HTML page without the
 * headers. It also refuses, before anything reads them, request URIs that no resource means: path parameters
 * ({@code /api/tickets/1;x=1}), encoded slashes, and NUL characters in the path or query.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ProblemAnswers extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ProblemAnswers.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FieldError refusal = refusalOf(request.getRequestURI(), request.getQueryString());
        if (refusal != null) {
            Problem.of(
                            400,
                            "invalid-request",
                            "The request is invalid",
                            refusal.field() + ": " + refusal.reason(),
                            List.of(refusal))
                    .writeTo(response);
            return;
        }
        try {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendError(int status, String message) throws IOException {
                    answer(response, status, message);
                }

                @Override
                public void sendError(int status) throws IOException {
                    answer(response, status, null);
                }
            });
        } catch (IOException | ServletException | RuntimeException | Error e) {
            if (response.isCommitted()) {
                throw e;
            }
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure " + reference + " outside the exception mappers", e);
            response.resetBuffer();
            Problem.of(
                            500,
                            "internal-error",
                            "Internal error",
                            "The server failed unexpectedly; quote reference " + reference + " when reporting it",
                            List.of())
                    .writeTo(response);
        }
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error " + status : type.getReasonPhrase();
        Problem.of(
                        status,
                        title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                        title,
                        message == null || message.isBlank() ? title : message,
                        List.of())
                .writeTo(response);
    }

    /** What is wrong with a request URI (as sent, not decoded) that no resource of the API accepts; null if nothing. */
    static FieldError refusalOf(String path, String query) {
        if (path.indexOf(';') >= 0) {
            return new FieldError("path", "path parameters (';') are not part of any address of the API");
        }
        String lowerPath = path.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("%2f") || lowerPath.contains("%5c")) {
            return new FieldError("path", "an encoded slash or backslash is not part of any address of the API");
        }
        if (lowerPath.contains("%00")) {
            return new FieldError("path", "contains a NUL character");
        }
        if (query == null || !query.toLowerCase(Locale.ROOT).contains("%00")) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.toLowerCase(Locale.ROOT).contains("%00")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                return new FieldError(decoded(name), "contains a NUL character");
            }
        }
        return null;
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\0", "\\u0000");
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
