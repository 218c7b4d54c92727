package org.csirtdesk.platform.boundary;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.entity.Role;

/**
 * Who a request acts for, as history and status changes record it: the caller's principal (a user signed in
 * with HTTP Basic, a monitoring source with its token), or {@code anonymous}; and the role check of resources
 * that are not open to everyone.
 */
public final class Actors {

    /** The challenge of a 401 that asks for a user's name and password. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"csirt-desk\"";

    private Actors() {
    }

    public static String of(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }

    /**
     * The name of the user the request acts for, who must hold at least one of {@code anyOf}.
     *
     * @throws DomainException UNAUTHORIZED (401, with a Basic challenge) when nobody signed in, FORBIDDEN (403,
     *         naming the roles) when the user holds none of them
     */
    public static String require(SecurityContext security, Role... anyOf) {
        if (anyOf.length == 0) {
            throw new IllegalArgumentException("name at least one role");
        }
        String roles = Arrays.stream(anyOf).map(Role::slug).collect(Collectors.joining(", "));
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            throw new DomainException(DomainException.Kind.UNAUTHORIZED, "sign in: this needs a user with "
                    + (anyOf.length == 1 ? "the role " : "one of the roles ") + roles
                    + ", sent as Authorization: Basic (curl -u name)");
        }
        for (Role role : anyOf) {
            if (security.isUserInRole(role.slug())) {
                return principal.getName();
            }
        }
        throw new DomainException(DomainException.Kind.FORBIDDEN, principal.getName() + " may not do this: it needs "
                + (anyOf.length == 1 ? "the role " : "one of the roles ") + roles);
    }
}
