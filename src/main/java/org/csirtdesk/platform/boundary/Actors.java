package org.csirtdesk.platform.boundary;

import jakarta.ws.rs.core.SecurityContext;

/** Who a request acts for, as history and status changes record it: the caller's principal, until logins exist. */
public final class Actors {

    private Actors() {
    }

    public static String of(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
