package org.csirtdesk.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.DatabaseUnavailable;
import org.csirtdesk.platform.boundary.Problem;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.control.DeskSessions;
import org.csirtdesk.security.control.OpenIdConnect;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.Caller;
import org.csirtdesk.security.entity.DeskSession;
import org.csirtdesk.security.entity.SessionToken;

/**
 * Who a request acts for, decided once for every request of the application (Jakarta Security): a user with
 * HTTP Basic (API clients, scripts), a user signed in to the desk (a session cookie, set by the sign-in form
 * through {@code SessionResource}; the session itself is in the database, {@link DeskSessions}), or nobody. The
 * container then knows the caller's name and roles, which resources check.
 *
 * <p>A change (POST, PUT, PATCH, DELETE) made with the session's cookie must carry the session's CSRF token in
 * {@code X-CSRF-Token}: a page of another site can make a browser send the cookie, not read the token. Basic
 * requests need no token, since a browser never adds those credentials to another site's request by itself.
 *
 * <p>The monitoring endpoints and the mail gateway keep their own credentials (bearer tokens, the gateway's
 * secret as a Basic password), so this mechanism leaves their requests alone.
 */
@ApplicationScoped
public class DeskAuthentication implements HttpAuthenticationMechanism {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The request attribute that tells the sign-in resource why a sign-in failed. */
    static final String REFUSAL = DeskAuthentication.class.getName() + ".refusal";

    private static final String BASIC = "Basic ";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Users users;

    @Inject
    DeskSessions sessions;

    @Inject
    ClientAddresses clients;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        try {
            return decide(request, response, context);
        } catch (RuntimeException e) {
            // Checking a password or a session's user reads the users table: without the database that is a 503
            // to retry, not the container's 500 page. The sign-in form's failure goes on to its resource's mappers.
            if (!(context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential)
                    && writeUnavailable(response, e)) {
                return AuthenticationStatus.SEND_FAILURE;
            }
            throw e;
        }
    }

    private AuthenticationStatus decide(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // The path the container routed by, not the raw URI: rt-mailgate posts to "//REST/1.0/NoAuth/mail-gateway",
        // which reaches the gateway's servlet as "/REST/1.0/NoAuth/mail-gateway".
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/api/alerts/") || path.startsWith("/REST/1.0/NoAuth/")) {
            return context.doNothing();
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential password) {
            return signIn(request, response, context, password);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return basic(authorization.substring(BASIC.length()).strip(), request, response, context);
        }
        Optional<SessionToken> token = SessionCookie.read(request);
        DeskSession signedIn =
                token.flatMap(sessions::find).flatMap(this::current).orElse(null);
        if (signedIn == null) {
            return context.doNothing();
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && !isSignIn(path, request)
                && !signedIn.accepts(request.getHeader(CSRF_HEADER))) {
            return refuse(
                    response,
                    new DomainException(
                            DomainException.Kind.NOT_PERMITTED,
                            "the request lacks this session's " + CSRF_HEADER
                                    + " header: changes made with the desk's cookie must carry it (GET /api/session gives it)"));
        }
        request.setAttribute(DeskSession.ATTRIBUTE, signedIn);
        request.setAttribute(SessionCookie.NAME, token.get());
        return context.notifyContainerAboutLogin(
                signedIn.caller().name(), signedIn.caller().groups());
    }

    /**
     * The sign-in form's credentials, handed over by {@code SecurityContext.authenticate}: on success a new desk
     * session.
     */
    private AuthenticationStatus signIn(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpMessageContext context,
            UsernamePasswordCredential password) {
        if (!sameOrigin(request)) {
            request.setAttribute(
                    REFUSAL,
                    new DomainException(
                            DomainException.Kind.NOT_PERMITTED,
                            "sign in from the desk's own page: this request came from another site"));
            return AuthenticationStatus.SEND_FAILURE;
        }
        Optional<Caller> caller;
        try {
            caller = users.authenticate(password.getCaller(), password.getPasswordAsString(), clientAddress(request));
        } catch (DomainException throttled) {
            request.setAttribute(REFUSAL, throttled);
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (caller.isEmpty()) {
            request.setAttribute(REFUSAL, wrongPassword());
            return AuthenticationStatus.SEND_FAILURE;
        }
        startSession(request, response, caller.get(), null);
        return context.notifyContainerAboutLogin(
                caller.get().name(), caller.get().groups());
    }

    /**
     * A new desk session for the caller, after a password or an OpenID Connect sign-in: a new token in the cookie
     * (so that a token planted before the sign-in is worth nothing; the session it named, if any, ends), and for an
     * OpenID Connect sign-in the address that signs out at the provider too (null otherwise). The request then
     * sees the new session.
     */
    void startSession(HttpServletRequest request, HttpServletResponse response, Caller caller, String providerSignOut) {
        SessionCookie.read(request).ifPresent(sessions::end);
        SessionToken token = sessions.start(caller, providerSignOut);
        SessionCookie.set(response, token, isHttps(request));
        request.setAttribute(SessionCookie.NAME, token);
        request.setAttribute(DeskSession.ATTRIBUTE, DeskSession.of(token, caller, providerSignOut));
    }

    /** Ends the request's desk session (all of its user's, with {@code everywhere}) and clears the cookie. */
    void endSession(HttpServletRequest request, HttpServletResponse response, boolean everywhere) {
        Object token = request.getAttribute(SessionCookie.NAME);
        Object session = request.getAttribute(DeskSession.ATTRIBUTE);
        if (everywhere && session instanceof DeskSession signedIn) {
            sessions.endAll(signedIn.caller().name(), Optional.empty());
        } else if (token instanceof SessionToken signedIn) {
            sessions.end(signedIn);
        }
        if (SessionCookie.read(request).isPresent()) {
            SessionCookie.clear(response, isHttps(request));
        }
    }

    /** The token of the request's desk session, if the request came with one. */
    static Optional<SessionToken> token(HttpServletRequest request) {
        return request.getAttribute(SessionCookie.NAME) instanceof SessionToken token
                ? Optional.of(token)
                : Optional.empty();
    }

    /**
     * Whether the browser speaks https to the desk: directly, or to a trusted proxy that says so. The cookie is
     * then marked Secure.
     */
    private boolean isHttps(HttpServletRequest request) {
        return clients.https(request);
    }

    /**
     * The session's user as they are now: a disabled user's session ends, changed roles apply (within the login
     * cache time, see {@code Users.signedIn}; disabling a user or changing their password deletes their sessions
     * at once). People signed in with OpenID Connect are not in the users table; their roles are those their
     * provider gave at the sign-in.
     */
    private Optional<DeskSession> current(DeskSession signedIn) {
        if (signedIn.caller().name().startsWith(OpenIdConnect.ACTOR_PREFIX)) {
            return Optional.of(signedIn);
        }
        return users.signedIn(signedIn.caller().name()).map(signedIn::withCaller);
    }

    private AuthenticationStatus basic(
            String encoded, HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Optional<Caller> caller;
        try {
            caller = credentials(encoded)
                    .flatMap(pair -> users.authenticate(pair.name(), pair.password(), clientAddress(request)));
        } catch (DomainException throttled) {
            return refuse(response, throttled);
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", Actors.challenge(request.getHeader(Actors.DESK_HEADER)));
            return refuse(response, wrongPassword());
        }
        return context.notifyContainerAboutLogin(
                caller.get().name(), caller.get().groups());
    }

    /** The client's address, read from a trusted proxy's header when the request comes through one. */
    private String clientAddress(HttpServletRequest request) {
        return clients.of(request);
    }

    /**
     * A new sign-in replaces the session, so it needs no token of the old one (the sign-in page cannot know it);
     * it is guarded by its origin check instead.
     */
    private static boolean isSignIn(String path, HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/session".equals(path);
    }

    private static DomainException wrongPassword() {
        return new DomainException(
                DomainException.Kind.UNAUTHENTICATED, "the user name or password is wrong, or the user is disabled");
    }

    private static boolean writeUnavailable(HttpServletResponse response, RuntimeException failure) {
        try {
            return DatabaseUnavailable.writeTo(response, failure);
        } catch (IOException e) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return true;
        }
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, DomainException reason) {
        reason.retryAfter()
                .ifPresent(wait -> response.setHeader("Retry-After", String.valueOf(Problem.retryAfterSeconds(wait))));
        try {
            Problem.of(reason).writeTo(response);
        } catch (IOException e) {
            response.setStatus(Problem.statusOf(reason.kind()));
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * Whether a sign-in comes from this application's own pages: a browser names the page's origin in
     * {@code Origin} on every POST; a client without that header (curl) is no page of another site.
     */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            // "null" (a sandboxed frame, a file, some redirects) parses as a relative URI without scheme or host:
            // a foreign origin like any other.
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Credentials(String name, String password) {

        @Override
        public String toString() {
            return "Credentials[name=" + name + "]";
        }
    }

    /** Name and password from {@code base64(name:password)} (RFC 7617, UTF-8); the password may contain ':'. */
    private static Optional<Credentials> credentials(String encoded) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 1
                ? Optional.empty()
                : Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
