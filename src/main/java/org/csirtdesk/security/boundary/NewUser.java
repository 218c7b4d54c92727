package org.csirtdesk.security.boundary;

import java.util.List;
import org.csirtdesk.security.control.UserDraft;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user to add. The password is never shown again, in no answer and no log. */
public record NewUser(
        @Schema(required = true, example = "alice", pattern = "[a-z0-9][a-z0-9._-]{0,63}")
        String name,

        @Schema(required = true, minLength = UserDraft.MIN_PASSWORD_LENGTH, writeOnly = true)
        String password,

        @Schema(
                required = true,
                example = "[\"csirt\", \"coordinator\"]",
                description = "csirt, coordinator, omb, rod, admin")
        List<String> roles,

        @Schema(example = "alice@csirt.example") String email) {

    UserDraft toDraft() {
        return new UserDraft(name, password, roles, email);
    }

    @Override
    public String toString() {
        return toDraft().toString();
    }
}
