package org.csirtdesk.security.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import org.csirtdesk.platform.boundary.ProblemMappers;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.Role;

/**
 * HTTP Basic authentication of the API's requests against the users table (RFC 7617, UTF-8). A request with
 * good credentials acts for that user, with the user's roles; bad ones are refused with 401 and a Basic
 * challenge. A request without an Authorization header stays anonymous: resources that need a role say so
 * through {@code Actors.require}, the others stay open until the web desk signs people in.
 *
 * <p>It shares {@link Priorities#AUTHENTICATION} with the monitoring tokens' filter, in no fixed order, and
 * needs none: this one acts on {@code Basic} only, that one on {@code Bearer} only (and refuses anything
 * else on the alert endpoints, whichever runs first).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthentication implements ContainerRequestFilter {

    private static final String BASIC = "Basic ";

    /** A user signed in with a password. */
    private record Named(String getName) implements Principal {
    }

    private record Credentials(String name, String password) {

        @Override
        public String toString() {
            return "Credentials[name=" + name + "]";
        }
    }

    @Inject
    Users users;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return;
        }
        Optional<Caller> caller = credentials(header.substring(BASIC.length()).strip())
                .flatMap(credentials -> users.authenticate(credentials.name(), credentials.password()));
        if (caller.isEmpty()) {
            request.abortWith(new ProblemMappers.DomainExceptions().toResponse(new DomainException(
                    DomainException.Kind.UNAUTHORIZED, "the user name or password is wrong, or the user is disabled")));
            return;
        }
        SecurityContext original = request.getSecurityContext();
        Principal principal = new Named(caller.get().name());
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Role.parse(role).map(caller.get().roles()::contains).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.BASIC_AUTH;
            }
        });
    }

    /** Name and password from {@code base64(name:password)}; the password may contain ':', the name may not. */
    private static Optional<Credentials> credentials(String encoded) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 1 ? Optional.empty() : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
