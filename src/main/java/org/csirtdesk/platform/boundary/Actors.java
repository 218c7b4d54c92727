package org.csirtdesk.platform.boundary;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Who a request acts for, as history and status changes record it: the caller's principal (a user signed in,
 * a monitoring source with its token), or {@code anonymous}. Which roles may call a resource method is its
 * {@code @RolesAllowed}, checked before the method runs ({@code security.boundary.RoleCheck}).
 */
public final class Actors {

    /** The challenge of a 401 that asks for a user's name and password. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"csirt-desk\"";
    /**
     * The header the desk's pages send with every API call. A browser answers a Basic challenge to a page's own
     * request with its password dialog, so the desk's requests are challenged to sign in through the form.
     */
    public static final String DESK_HEADER = "X-Requested-With";

    private static final String FORM_CHALLENGE = "Form realm=\"csirt-desk\", action=\"/login.html\"";

    private Actors() {}

    /** The challenge of a 401: the form for the desk's requests (those carrying {@link #DESK_HEADER}), else Basic. */
    public static String challenge(String deskHeader) {
        return deskHeader == null ? BASIC_CHALLENGE : FORM_CHALLENGE;
    }

    public static String of(SecurityContext security) {
        return security.getUserPrincipal() == null
                ? "anonymous"
                : security.getUserPrincipal().getName();
    }
}
