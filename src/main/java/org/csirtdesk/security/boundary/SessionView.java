package org.csirtdesk.security.boundary;

import java.util.List;
import org.csirtdesk.security.entity.DeskSession;
import org.csirtdesk.security.entity.Role;

/** The signed-in desk user as the pages see it: name, roles, and the token their changes must send. */
public record SessionView(String name, List<String> roles, String csrfToken) {

    static SessionView of(DeskSession session) {
        return new SessionView(
                session.caller().name(),
                session.caller().roles().stream().map(Role::slug).sorted().toList(),
                session.csrfToken());
    }
}
