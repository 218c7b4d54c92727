package org.csirtdesk.ticket.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.SavedSearches;
import org.csirtdesk.ticket.entity.SavedSearch;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Saved searches: the caller's own and the shared ones; run one with GET /api/tickets?query=...&sort=... */
@RequestScoped
@RolesAllowed({"csirt", "coordinator"})
@Path("searches")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchesResource {

    @Inject
    SavedSearches searches;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The caller's saved searches and those shared with all staff, by name")
    public List<SavedSearchView> list() {
        String user = Actors.of(security);
        return searches.visibleTo(user).stream()
                .map(search -> SavedSearchView.of(search, user))
                .toList();
    }

    @POST
    @Operation(summary = "Save a search", description = "The query must run: it is checked as the search reads it.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "shared", value = """
                    {"name": "My open investigations", "query": "queue = investigations AND owner = alice AND status = open",
                     "sort": "due", "shared": true}""")))
    @APIResponse(responseCode = "201", description = "Saved; Location and ETag are set")
    @APIResponse(responseCode = "400", description = "Invalid field, e.g. a query that cannot be read")
    @APIResponse(responseCode = "409", description = "The caller has a saved search of that name")
    public Response save(@NotNull NewSavedSearch search, @Context UriInfo uri) {
        String user = Actors.of(security);
        SavedSearch saved = searches.save(search.checked(), user);
        return tagged(
                        Response.created(uri.getAbsolutePathBuilder()
                                .path(String.valueOf(saved.id()))
                                .build()),
                        saved,
                        user)
                .build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Rename or change a saved search (its owner only)", description = "If-Match is optional.")
    @APIResponse(responseCode = "200", description = "The changed search")
    @APIResponse(responseCode = "403", description = "Someone else's shared search")
    @APIResponse(responseCode = "404", description = "No such search, or someone else's that is not shared")
    public Response change(
            @PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull NewSavedSearch search) {
        String user = Actors.of(security);
        SavedSearch changed = searches.change(id, Input.ifMatch(ifMatch).orElse(null), search.checked(), user);
        return tagged(Response.ok(), changed, user).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a saved search (its owner only)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Someone else's shared search")
    public Response delete(@PathParam("id") long id) {
        searches.delete(id, Actors.of(security));
        return Response.noContent().build();
    }

    private static Response.ResponseBuilder tagged(Response.ResponseBuilder response, SavedSearch search, String user) {
        return response.entity(SavedSearchView.of(search, user)).tag(new EntityTag(String.valueOf(search.version())));
    }
}
