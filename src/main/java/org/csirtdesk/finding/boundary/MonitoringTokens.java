package org.csirtdesk.finding.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.finding.control.SourceTokens;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.platform.boundary.Problem;

/**
 * Monitoring sources authenticate with their own bearer token, each for its own endpoint only
 * ({@code /api/alerts/<source>}); a monitoring token is refused everywhere else, so a leaked one can post
 * alerts at most. The caller becomes {@code monitoring:<source>} in the history it causes.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class MonitoringTokens implements ContainerRequestFilter {

    private static final String ALERTS = "alerts/";
    private static final String BEARER = "Bearer ";

    @Inject
    SourceTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Optional<Source> endpoint =
                path.startsWith(ALERTS) ? Source.parse(path.substring(ALERTS.length())) : Optional.empty();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Source> holder = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.sourceOf(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (endpoint.isEmpty()) {
            holder.ifPresent(source -> request.abortWith(problem(
                    403,
                    "forbidden",
                    "Forbidden",
                    "a monitoring token may only post alerts to /api/alerts/" + source.slug())));
            return;
        }
        Source source = endpoint.get();
        if (holder.isEmpty()) {
            String detail = !tokens.isConfigured(source)
                    ? "no token is configured for " + source.slug() + ": set " + SourceTokens.key(source)
                    : header == null
                            ? "send the " + source.slug() + " token as Authorization: Bearer <token>"
                            : "the token is not " + source.withArticle() + " token";
            request.abortWith(Response.fromResponse(problem(401, "unauthorized", "Unauthorized", detail))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"csirt-desk-alerts\"")
                    .build());
            return;
        }
        if (holder.get() != source) {
            request.abortWith(problem(
                    403,
                    "forbidden",
                    "Forbidden",
                    "this is the " + holder.get().slug() + " token; it may post only to /api/alerts/"
                            + holder.get().slug()));
            return;
        }
        SecurityContext original = request.getSecurityContext();
        Principal principal = () -> "monitoring:" + source.slug();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static Response problem(int status, String type, String title, String detail) {
        return Problem.of(status, type, title, detail, List.of()).toResponse();
    }
}
