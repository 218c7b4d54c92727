package org.csirtdesk.security.entity;

import java.util.Set;

/** Who an authenticated request acts for: the user's name and roles at the time the password was checked. */
public record Caller(String name, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }
}
