package org.csirtdesk.security.boundary;

import java.time.Instant;
import java.util.List;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.User;

/** A user as the API shows it: never the password, nor its hash. */
public record UserView(
        String name, List<String> roles, String email, boolean enabled, Instant createdAt, String createdBy) {

    static UserView of(User user) {
        return new UserView(
                user.name(),
                user.roles().stream().map(Role::slug).toList(),
                user.email(),
                user.isEnabled(),
                user.createdAt(),
                user.createdBy());
    }
}
