package org.csirtdesk.security.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.User;

/**
 * A user to add, as the API, the configuration or the demo gives it: roles by their names ({@code csirt}), so
 * that one place names every problem of a request at once.
 */
public record UserDraft(String name, String password, List<String> roles, String email) {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** PBKDF2's work hardly depends on the length; this only keeps a pasted file out. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Every problem of the draft, each naming its field; empty when the user can be added. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!User.NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    "name",
                    "must be 1 to 64 lower-case letters, digits, '.', '_' or '-', "
                            + "starting with a letter or digit"));
        }
        if (password == null || password.isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters long"));
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "longer than " + MAX_PASSWORD_LENGTH + " characters"));
        }
        if (roles == null || roles.isEmpty()) {
            errors.add(new FieldError("roles", "at least one role is required; the roles are " + slugs()));
        } else {
            for (int i = 0; i < roles.size(); i++) {
                if (Role.parse(roles.get(i)).isEmpty()) {
                    errors.add(new FieldError(
                            "roles[" + i + "]", "unknown role '" + roles.get(i) + "'; the roles are " + slugs()));
                }
            }
        }
        if (email != null
                && !email.isBlank()
                && (email.strip().length() > User.MAX_EMAIL_LENGTH
                        || !EMAIL.matcher(email.strip()).matches())) {
            errors.add(new FieldError("email", "is not an e-mail address such as alice@csirt.example"));
        }
        return errors;
    }

    /** The roles named, once each; call only when {@link #problems()} is empty. */
    public Set<Role> roleSet() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        roles.stream().map(Role::parse).flatMap(Optional::stream).forEach(set::add);
        return set;
    }

    /** The address without surrounding blanks, or null when none was given. */
    public String address() {
        return email == null || email.isBlank() ? null : email.strip();
    }

    /** Without the password, so that no log line ever shows one. */
    @Override
    public String toString() {
        return "UserDraft[name=" + name + ", roles=" + roles + ", email=" + email + "]";
    }

    private static List<String> slugs() {
        return Arrays.stream(Role.values()).map(Role::slug).toList();
    }
}
