package org.csirtdesk.support;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Who the integration tests sign in as, now that every endpoint asks for a role: the first admin that
 * {@link Deployments#war(java.util.Map)} configures ({@code csirt.security.initial-admin}) and the users it adds,
 * all with {@link #PASSWORD}. Adding a user that exists is fine: the test classes share the database of one run.
 */
public final class TestUsers {

    public static final String ADMIN = "it-admin";
    public static final String PASSWORD = "a password of the integration tests";
    /** The user of tests that are about something else than roles: it holds every one. */
    public static final String EVERY_ROLE = "it-every-role";

    public static final List<String> ROLES = List.of("csirt", "coordinator", "omb", "rod", "admin");

    private TestUsers() {}

    /** The value of {@code csirt.security.initial-admin}. */
    public static String initialAdmin() {
        return ADMIN + ":" + PASSWORD;
    }

    /** Signed in as a user holding every role, added by the configured admin the first time. */
    public static Api everyRole(Api anonymous) {
        return withRoles(anonymous, EVERY_ROLE, ROLES);
    }

    /** Signed in as {@code name}, added with these roles by the configured admin unless it exists. */
    public static Api withRoles(Api anonymous, String name, List<String> roles) {
        return withRoles(anonymous.as(ADMIN, PASSWORD), anonymous, name, roles);
    }

    /** As {@link #withRoles(Api, String, List)}, added by another admin (a test that configures its own). */
    public static Api withRoles(Api admin, Api anonymous, String name, List<String> roles) {
        add(admin, name, PASSWORD, roles, null);
        return anonymous.as(name, PASSWORD);
    }

    /**
     * One user per role, holding that role only, named after it by {@code name} and with the e-mail address
     * {@code <role>@csirt.example} that letters to the role's users go to; a user that exists already is fine. The
     * answers are there for a test that wants every user new.
     */
    public static List<Api.Answer> namedAfterRoles(
            Api admin, String password, List<String> roles, UnaryOperator<String> name) {
        return roles.stream()
                .map(role -> add(admin, name.apply(role), password, List.of(role), role + "@csirt.example"))
                .toList();
    }

    /** Adds {@code name} with its own password, these roles and an e-mail address ({@code null}: none) unless it exists. */
    public static Api.Answer add(Api admin, String name, String password, List<String> roles, String email) {
        JsonObjectBuilder user = Json.createObjectBuilder()
                .add("name", name)
                .add("password", password)
                .add("roles", Json.createArrayBuilder(roles));
        if (email != null) {
            user.add("email", email);
        }
        Api.Answer added = admin.post("api/users", user.build().toString());
        if (added.status() != 201 && added.status() != 409) {
            throw new IllegalStateException("adding the test user " + name + " failed: " + added);
        }
        return added;
    }
}
