package org.csirtdesk.security.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.control.UserChange;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.User;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The users of the API: an admin adds, lists and changes them; everyone who signs in can read their own
 * record and change their own password.
 */
@RequestScoped
@Path("users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final List<String> PATCHABLE = List.of("enabled", "roles", "email", "password", "currentPassword");

    @Inject
    Users users;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** How many desk sessions a sign-out everywhere ended. */
    public record SessionsEnded(int ended) {}

    @POST
    @RolesAllowed("admin")
    @Operation(
            summary = "Add a user (role admin)",
            description = "Sign in with HTTP Basic as a user with the role "
                    + "admin. The password (at least 12 characters) is stored as a PBKDF2 hash and never shown again.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "CSIRT duty officer", value = """
            {"name": "alice", "password": "correct horse battery staple", "roles": ["csirt"],
             "email": "alice@csirt.example"}""")))
    @APIResponse(responseCode = "201", description = "Added; Location names the user")
    @APIResponse(responseCode = "400", description = "Invalid field (problem+json names it)")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "The user signed in is not an admin")
    @APIResponse(responseCode = "409", description = "A user with this name exists")
    public Response add(NewUser user, @Context UriInfo uri) {
        String actor = Actors.of(security);
        if (user == null) {
            throw DomainException.invalid("body", "a JSON object with name, password, roles and email is required");
        }
        User added = users.add(user.toDraft(), actor);
        return Response.created(uri.getAbsolutePathBuilder().path(added.name()).build())
                .entity(UserView.of(added))
                .build();
    }

    @GET
    @RolesAllowed({"admin"})
    @Operation(summary = "List the users (role admin)", description = "Every user by name, disabled ones too.")
    @APIResponse(responseCode = "200", description = "The users")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "The user signed in is not an admin")
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("owners")
    @RolesAllowed({"csirt", "coordinator", "admin"})
    @Operation(
            summary = "The users who may own tickets",
            description = "Enabled users with the role csirt or coordinator, by name: the desk's owner picker. "
                    + "A ticket's owner must be one of them.")
    @APIResponse(responseCode = "200", description = "Names and roles, no e-mail")
    public List<TicketOwnerView> ticketOwners() {
        return users.ticketOwners().stream().map(TicketOwnerView::of).toList();
    }

    @PATCH
    @Path("{name}")
    @RolesAllowed({"csirt", "coordinator", "omb", "rod", "admin"})
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Change a user (JSON merge patch)",
            description = "An admin changes enabled, roles, email "
                    + "(null removes it) and sets a new password; any user sets their own password, sending the current "
                    + "one as currentPassword. Disabling a user or changing their roles counts at once on this instance, "
                    + "within csirt.security.login-cache-seconds on the others, for HTTP Basic and for sessions.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MERGE_PATCH,
                            examples = {
                                @ExampleObject(name = "disable", value = "{\"enabled\": false}"),
                                @ExampleObject(name = "roles and a new password", value = """
                    {"roles": ["csirt", "coordinator"], "password": "a new password of 12+ characters"}"""),
                                @ExampleObject(name = "your own password", value = """
                    {"password": "a new password of 12+ characters", "currentPassword": "the one you have now"}""")
                            }))
    @APIResponse(responseCode = "200", description = "The changed user")
    @APIResponse(
            responseCode = "400",
            description = "Invalid field, or a wrong currentPassword (problem+json names it)")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "Not an admin, and not only your own password")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The change would leave no enabled admin")
    public UserView change(@PathParam("name") String name, JsonObject patch) {
        String actor = Actors.of(security);
        UserChange change = changeOf(patch);
        if ((change.administers() || !actor.equals(name)) && !security.isUserInRole(Role.ADMIN.slug())) {
            throw new DomainException(
                    DomainException.Kind.NOT_PERMITTED,
                    actor + " may change only its own password: " + "anything else needs the role "
                            + Role.ADMIN.slug());
        }
        return UserView.of(users.change(name, change, actor, DeskAuthentication.token(request)));
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod", "admin"})
    @Path("{name}")
    @Operation(
            summary = "Read a user",
            description = "Your own record, or anyone's with the role admin: a way for a "
                    + "client to check its credentials and see its roles.")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "Another user's record, and not an admin")
    @APIResponse(responseCode = "404", description = "No such user (admins only; others hear 403)")
    public UserView read(@PathParam("name") String name) {
        String actor = Actors.of(security);
        if (!actor.equals(name) && !security.isUserInRole(Role.ADMIN.slug())) {
            throw new DomainException(
                    DomainException.Kind.NOT_PERMITTED,
                    actor + " may read only its own record: " + "another user's needs the role " + Role.ADMIN.slug());
        }
        return UserView.of(users.find(name).orElseThrow(() -> DomainException.notFound("user '" + name + "'")));
    }

    @GET
    @RolesAllowed({"admin"})
    @Path("{name}/changes")
    @Operation(
            summary = "What was done to a user (role admin)",
            description =
                    "Oldest first: when it was added and "
                            + "with which roles, then every change, each with who made it; a new password shows as such, never itself.")
    @APIResponse(responseCode = "200", description = "The changes")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "The user signed in is not an admin")
    @APIResponse(responseCode = "404", description = "No such user")
    public List<UserChangeView> changes(@PathParam("name") String name) {
        User user = users.find(name).orElseThrow(() -> DomainException.notFound("user '" + name + "'"));
        return users.changes(user).stream().map(UserChangeView::of).toList();
    }

    @DELETE
    @RolesAllowed({"csirt", "coordinator", "omb", "rod", "admin"})
    @Path("{name}/sessions")
    @Operation(
            summary = "Sign a user out everywhere",
            description = "Ends every desk session of the user, in every "
                    + "browser and on every instance of the application, this request's own included: your own, or "
                    + "anyone's with the role admin (a lost laptop). HTTP Basic clients are not affected: they send their "
                    + "password with each request. Recorded in the user's changes.")
    @APIResponse(responseCode = "200", description = "How many sessions ended")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "Another user's sessions, and not an admin")
    @APIResponse(responseCode = "404", description = "No such user (admins only; others hear 403)")
    public SessionsEnded endSessions(@PathParam("name") String name) {
        String actor = Actors.of(security);
        if (!actor.equals(name) && !security.isUserInRole(Role.ADMIN.slug())) {
            throw new DomainException(
                    DomainException.Kind.NOT_PERMITTED,
                    actor + " may end only its own sessions: " + "another user's need the role " + Role.ADMIN.slug());
        }
        return new SessionsEnded(users.endSessions(name, actor));
    }

    /** The patch's members as a change, naming each member that is unknown or of the wrong type. */
    static UserChange changeOf(JsonObject patch) {
        if (patch == null) {
            throw DomainException.invalid("body", "a JSON object of the fields to change is required");
        }
        List<FieldError> errors = new ArrayList<>();
        patch.keySet().stream()
                .filter(member -> !PATCHABLE.contains(member))
                .forEach(member ->
                        errors.add(new FieldError(member, "is not a member of a user change; those are " + PATCHABLE)));
        Boolean enabled =
                switch (patch.getOrDefault("enabled", JsonValue.NULL).getValueType()) {
                    case TRUE -> true;
                    case FALSE -> false;
                    case NULL -> null;
                    default -> {
                        errors.add(new FieldError("enabled", "must be true or false"));
                        yield null;
                    }
                };
        List<String> roles = null;
        JsonValue roleValue = patch.getOrDefault("roles", JsonValue.NULL);
        if (roleValue instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            roles = array.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        } else if (roleValue != JsonValue.NULL) {
            errors.add(new FieldError("roles", "must be a list of role names"));
        }
        String email = text(patch, "email", errors);
        String password = text(patch, "password", errors);
        String currentPassword = text(patch, "currentPassword", errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new UserChange(enabled, roles, patch.containsKey("email"), email, password, currentPassword);
    }

    private static String text(JsonObject patch, String member, List<FieldError> errors) {
        JsonValue value = patch.getOrDefault(member, JsonValue.NULL);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value != JsonValue.NULL) {
            errors.add(new FieldError(member, "must be a string"));
        }
        return null;
    }
}
