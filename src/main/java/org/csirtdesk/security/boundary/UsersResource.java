package org.csirtdesk.security.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.security.entity.User;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The users of the API: an admin adds them; everyone who signs in can read their own record. */
@RequestScoped
@Path("users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Users users;

    @Context
    SecurityContext security;

    @POST
    @Operation(summary = "Add a user (role admin)", description = "Sign in with HTTP Basic as a user with the role "
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
        String actor = Actors.require(security, Role.ADMIN);
        if (user == null) {
            throw DomainException.invalid("body", "a JSON object with name, password, roles and email is required");
        }
        User added = users.add(user.toDraft(), actor);
        return Response.created(uri.getAbsolutePathBuilder().path(added.name()).build()).entity(UserView.of(added)).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a user", description = "Your own record, or anyone's with the role admin: a way for a "
            + "client to check its credentials and see its roles.")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "401", description = "Not signed in, or a wrong password")
    @APIResponse(responseCode = "403", description = "Another user's record, and not an admin")
    @APIResponse(responseCode = "404", description = "No such user (admins only; others hear 403)")
    public UserView read(@PathParam("name") String name) {
        String actor = Actors.require(security, Role.values());
        if (!actor.equals(name)) {
            Actors.require(security, Role.ADMIN);
        }
        return UserView.of(users.find(name).orElseThrow(() -> DomainException.notFound("user '" + name + "'")));
    }
}
