package org.csirtdesk.support;

import java.util.List;
import java.util.stream.Collectors;

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

    private TestUsers() {
    }

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
        Api.Answer added = admin.post("api/users", "{\"name\": \"" + name + "\", \"password\": \"" + PASSWORD
                + "\", \"roles\": [" + roles.stream().map(role -> "\"" + role + "\"").collect(Collectors.joining(", ")) + "]}");
        if (added.status() != 201 && added.status() != 409) {
            throw new IllegalStateException("adding the test user " + name + " failed: " + added);
        }
        return anonymous.as(name, PASSWORD);
    }
}
