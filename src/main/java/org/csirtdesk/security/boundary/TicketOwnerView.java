package org.csirtdesk.security.boundary;

import java.util.List;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.User;

/** A user who may own tickets, as the desk's owner picker shows them: no e-mail, nothing an admin alone sees. */
public record TicketOwnerView(String name, List<String> roles) {

    static TicketOwnerView of(User user) {
        return new TicketOwnerView(
                user.name(), user.roles().stream().map(Role::slug).sorted().toList());
    }
}
