package org.csirtdesk.security.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do in the procedures; a user holds one or more. See {@code docs/security.md}. */
public enum Role {
    /** CSIRT staff: start campaigns, record decisions. */
    CSIRT,
    /** The security coordinator: confirms suspensions. */
    COORDINATOR,
    /** The operations board (OMB/COO): records vetoes and OMB authorisations. */
    OMB,
    /** Regional Operator on Duty: requests a site's reinstatement. */
    ROD,
    /** Manages users. */
    ADMIN;

    /** The name in the API and in {@code SecurityContext.isUserInRole}: {@code csirt}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values())
                .filter(role -> role.slug().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst();
    }
}
