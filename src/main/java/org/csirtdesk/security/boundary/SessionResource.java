package org.csirtdesk.security.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.DeskSession;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The desk's sign-in: a name and password exchanged for a session cookie (HttpOnly, SameSite) and the session's
 * CSRF token; reading the session; signing out. The checking itself is {@link DeskAuthentication}'s.
 */
@RequestScoped
@PermitAll
@Path("session")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** What signing out did: for a person signed in with OpenID Connect, where to sign out at the provider too. */
    public record SignedOut(String providerSignOut) {}

    /** A sign-in form. The password is in no answer, log or {@code toString}. */
    public record SignIn(String name, String password) {

        @Override
        public String toString() {
            return "SignIn[name=" + name + "]";
        }
    }

    @Inject
    SecurityContext security;

    @Inject
    DeskAuthentication desk;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    @Operation(
            summary = "The desk session",
            description = "Who is signed in to the desk with this cookie, with which "
                    + "roles, and the CSRF token that every change made with the cookie must send in X-CSRF-Token.")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "401", description = "No desk session")
    public SessionView read() {
        return SessionView.of(current()
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED, "not signed in to the desk: sign in at /login.html")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Sign in to the desk",
            description = "Starts a desk session: the answer sets the session "
                    + "cookie and gives the CSRF token. API clients sign in with HTTP Basic on each request instead.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "sign in", value = """
            {"name": "alice", "password": "correct horse battery staple"}""")))
    @APIResponse(responseCode = "200", description = "Signed in; Set-Cookie carries the session")
    @APIResponse(responseCode = "400", description = "Name or password missing")
    @APIResponse(responseCode = "401", description = "Wrong name or password, or the user is disabled")
    @APIResponse(responseCode = "403", description = "The form was posted from another site")
    public SessionView signIn(SignIn form) {
        List<FieldError> missing = new ArrayList<>();
        if (form == null || form.name() == null || form.name().isBlank()) {
            missing.add(new FieldError("name", "required"));
        }
        if (form == null || form.password() == null || form.password().isEmpty()) {
            missing.add(new FieldError("password", "required"));
        }
        if (!missing.isEmpty()) {
            throw DomainException.invalid(missing);
        }
        AuthenticationStatus status = security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(form.name().strip(), new Password(form.password())))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            Object refusal = request.getAttribute(DeskAuthentication.REFUSAL);
            throw refusal instanceof DomainException reason
                    ? reason
                    : new DomainException(
                            DomainException.Kind.UNAUTHENTICATED,
                            "the user name or password is wrong, or the user is disabled");
        }
        return read();
    }

    @DELETE
    @Operation(
            summary = "Sign out of the desk",
            description = "Ends the desk session (the request must carry its "
                    + "X-CSRF-Token) on every instance; with everywhere=true, every desk session of the signed-in user, "
                    + "in every browser. Without a session, nothing to do. A person who signed in with OpenID Connect is "
                    + "given providerSignOut, the provider's end-session address, to send the browser to so that the "
                    + "provider's session ends too; absent otherwise.")
    @APIResponse(responseCode = "200", description = "Signed out")
    public SignedOut signOut(@QueryParam("everywhere") boolean everywhere) throws ServletException {
        Optional<DeskSession> ending = current();
        desk.endSession(request, response, everywhere);
        request.logout();
        return new SignedOut(ending.map(DeskSession::providerSignOut).orElse(null));
    }

    /** The request's desk session, as the authentication found or started it. */
    private Optional<DeskSession> current() {
        return request.getAttribute(DeskSession.ATTRIBUTE) instanceof DeskSession session
                ? Optional.of(session)
                : Optional.empty();
    }
}
