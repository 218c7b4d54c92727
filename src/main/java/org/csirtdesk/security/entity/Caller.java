package org.csirtdesk.security.entity;

import java.io.Serializable;
import java.util.Set;
import java.util.stream.Collectors;

/** Who an authenticated request acts for: the user's name and roles at the time the password was checked. */
public record Caller(String name, Set<Role> roles) implements Serializable {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The role names as the container's groups, which it maps to roles of the same name ({@code csirt}, ...). */
    public Set<String> groups() {
        return roles.stream().map(Role::slug).collect(Collectors.toSet());
    }
}
