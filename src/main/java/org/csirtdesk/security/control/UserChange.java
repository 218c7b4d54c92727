package org.csirtdesk.security.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.Role;

/**
 * A change of a user, as a JSON merge patch gives it: a null member is left as it is, except {@code email},
 * where {@code changesEmail} says whether the patch named it (null or blank then removes the address).
 * {@code currentPassword} is what a user changing their own password proves it with.
 */
public record UserChange(
        Boolean enabled,
        List<String> roles,
        boolean changesEmail,
        String email,
        String password,
        String currentPassword) {

    /** Whether the change touches more than the user's own password: that is for admins only. */
    public boolean administers() {
        return enabled != null || roles != null || changesEmail;
    }

    public boolean isEmpty() {
        return !administers() && password == null;
    }

    /** Every problem of the change, each naming its field, by the same rules as a new user. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (isEmpty()) {
            errors.add(new FieldError("body", "name at least one of enabled, roles, email, password"));
        }
        // A draft with a valid name checks the other fields exactly as adding a user does.
        UserDraft asDraft = new UserDraft(
                "x",
                password == null ? "x".repeat(UserDraft.MIN_PASSWORD_LENGTH) : password,
                roles == null ? List.of(Role.CSIRT.slug()) : roles,
                changesEmail ? email : null);
        errors.addAll(asDraft.problems());
        return errors;
    }

    /** The roles named, once each; call only when {@link #problems()} is empty and roles are given. */
    public Set<Role> roleSet() {
        return new UserDraft("x", "", roles, null).roleSet();
    }

    public String address() {
        return new UserDraft("x", "", List.of(), email).address();
    }

    /**
     * What the change does, in words for the log and the user's history: never a password, only that there is a new
     * one. Call it on a change without {@link #problems()}.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (enabled != null) {
            parts.add(enabled ? "enabled" : "disabled");
        }
        if (roles != null) {
            parts.add("roles " + roleSet().stream().map(Role::slug).toList());
        }
        if (changesEmail) {
            parts.add("e-mail " + (address() == null ? "removed" : address()));
        }
        if (password != null) {
            parts.add("a new password");
        }
        return String.join(", ", parts);
    }

    /** A record's own toString would show the passwords. */
    @Override
    public String toString() {
        return summary();
    }
}
