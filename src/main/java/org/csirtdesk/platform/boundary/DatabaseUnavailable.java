package org.csirtdesk.platform.boundary;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.csirtdesk.platform.control.DatabaseTrouble;

/**
 * The answer to a request that failed because the database cannot serve now ({@link DatabaseTrouble}): 503
 * problem+json with Retry-After, so that a client, a monitoring system (Alertmanager resends on a 5xx) or a person
 * tries again, rather than a 500 that asks the operator to look for a bug. Logged at WARNING without a stack
 * trace: the database's own state is the news, not this code.
 */
public final class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class.getName());

    private DatabaseUnavailable() {}

    /** The 503 for a failure caused by database trouble; empty for any other failure. */
    public static Optional<Problem> problem(Throwable failure) {
        return DatabaseTrouble.of(failure).map(trouble -> {
            LOG.warning(() -> "Answered 503, " + trouble.reason + ": " + failure);
            return Problem.of(
                    503,
                    "database-unavailable",
                    "Service unavailable",
                    "Nothing was changed: " + trouble.reason + "; try again in "
                            + Problem.retryAfterSeconds(trouble.retryAfter) + " s",
                    List.of());
        });
    }

    /** As a JAX-RS answer. */
    public static Optional<Response> response(Throwable failure) {
        return DatabaseTrouble.of(failure)
                .flatMap(trouble -> problem(failure).map(problem -> Response.fromResponse(problem.toResponse())
                        .header(HttpHeaders.RETRY_AFTER, Problem.retryAfterSeconds(trouble.retryAfter))
                        .build()));
    }

    /**
     * Written as the whole answer, where a servlet or the authentication mechanism answers.
     *
     * @return whether the failure was database trouble (and so answered)
     */
    public static boolean writeTo(HttpServletResponse response, Throwable failure) throws IOException {
        Optional<DatabaseTrouble> trouble = DatabaseTrouble.of(failure);
        if (trouble.isEmpty()) {
            return false;
        }
        response.setHeader(
                HttpHeaders.RETRY_AFTER, String.valueOf(Problem.retryAfterSeconds(trouble.get().retryAfter)));
        problem(failure).orElseThrow().writeTo(response);
        return true;
    }
}
