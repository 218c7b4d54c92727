package org.csirtdesk.security.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.csirtdesk.security.control.OpenIdConnect;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ways to sign in besides a password, for the sign-in page: open to everyone, as that page is. */
@RequestScoped
@PermitAll
@Path("session/providers")
@Tag(name = "Session")
@Produces(MediaType.APPLICATION_JSON)
public class SignInProvidersResource {

    /** One way to sign in: the page shows "Sign in with {label}" linking to {start}. */
    public record SignInProvider(String id, String label, String start) {}

    @Inject
    OpenIdConnect oidc;

    @GET
    @Operation(
            summary = "The identity providers to sign in with",
            description = "Empty when only passwords are "
                    + "configured; with csirt.security.oidc.* set, the OpenID Connect provider (EGI Check-in).")
    public List<SignInProvider> providers() {
        return oidc.label()
                .map(label -> List.of(new SignInProvider("oidc", label, OidcSignInServlet.START_PATH)))
                .orElse(List.of());
    }
}
