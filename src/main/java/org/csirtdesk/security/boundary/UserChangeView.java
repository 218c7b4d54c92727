package org.csirtdesk.security.boundary;

import java.time.Instant;
import org.csirtdesk.security.entity.UserChangeEntry;

/** One change to a user as the API shows it: when, by whom, and what, never a password. */
public record UserChangeView(Instant at, String actor, String summary) {

    static UserChangeView of(UserChangeEntry entry) {
        return new UserChangeView(entry.at(), entry.actor(), entry.summary());
    }
}
