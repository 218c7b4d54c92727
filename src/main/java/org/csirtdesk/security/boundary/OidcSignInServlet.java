package org.csirtdesk.security.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.csirtdesk.platform.boundary.Problem;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.control.OidcSignIn;
import org.csirtdesk.security.control.OpenIdConnect;
import org.csirtdesk.security.control.PendingSignIn;
import org.csirtdesk.security.control.PendingSignIns;

/**
 * The browser's side of the OpenID Connect sign-in: {@code GET /login/oidc} sends it to the provider,
 * {@code GET /login/oidc/callback} takes it back, and after every check starts the same desk session a
 * password sign-in starts. Every refusal is a page in words with a way to try again, and starts nothing.
 */
@WebServlet(urlPatterns = {OidcSignInServlet.START_PATH, OpenIdConnect.CALLBACK_PATH})
public class OidcSignInServlet extends HttpServlet {

    static final String START_PATH = "/login/oidc";
    /** The desk's start, which sends each user on to the landing page of their roles (index.html). */
    static final String DEFAULT_NEXT = "/";
    /** Binds a sign-in to the browser that started it; SameSite=Lax, so it comes back with the provider's redirect. */
    static final String BROWSER_COOKIE = "CSIRT_DESK_OIDC";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Stands for this site's origin when a wanted page is resolved: only the path's own parts must be kept. */
    private static final URI OWN_ORIGIN = URI.create("http://desk.invalid/");

    @Inject
    OpenIdConnect oidc;

    @Inject
    PendingSignIns pending;

    @Inject
    DeskAuthentication desk;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        try {
            if (OpenIdConnect.CALLBACK_PATH.equals(request.getServletPath())) {
                callback(request, response);
            } else {
                begin(request, response);
            }
        } catch (DomainException e) {
            refuse(response, Problem.statusOf(e.kind()), e.getMessage());
        }
    }

    private void begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (oidc.label().isEmpty()) {
            refuse(
                    response,
                    404,
                    "Sign-in with an identity provider is not configured here; sign in with your password.");
            return;
        }
        URI base = URI.create(request.getRequestURL().toString()).resolve("/");
        PendingSignIn signIn = oidc.begin(base, localPath(request.getParameter("next")));
        // One value per browser, so that sign-ins started in two tabs both work.
        String browser = browserCookie(request).orElseGet(() -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
        pending.keep(signIn, browser);
        response.addHeader(
                "Set-Cookie",
                BROWSER_COOKIE + "=" + browser + "; Path=" + OpenIdConnect.CALLBACK_PATH
                        + "; Max-Age=" + OpenIdConnect.SIGN_IN_TIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                        + (request.isSecure() ? "; Secure" : ""));
        response.sendRedirect(signIn.authorizationRequest().toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Taken whatever happens next: a second callback with the same state finds nothing.
        Optional<PendingSignIn> signIn = pending.take(
                request.getParameter("state"), browserCookie(request).orElse(null));
        String error = request.getParameter("error");
        if (error != null) {
            String description = request.getParameter("error_description");
            refuse(
                    response,
                    401,
                    oidc.label().orElse("The identity provider") + " did not sign you in: " + error
                            + (description == null ? "" : " (" + description + ")") + ".");
            return;
        }
        if (signIn.isEmpty()) {
            refuse(
                    response,
                    400,
                    "This answer of the identity provider does not belong to a sign-in started in this "
                            + "browser (or it was used already, or is older than "
                            + OpenIdConnect.SIGN_IN_TIME.toMinutes()
                            + " minutes); start the sign-in again.");
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            refuse(response, 400, "The identity provider sent no code; start the sign-in again.");
            return;
        }
        OidcSignIn person = oidc.finish(signIn.get(), code);
        desk.startSession(
                request,
                response,
                person.caller(),
                person.providerSignOut().map(URI::toString).orElse(null));
        onwards(response, person.displayName(), signIn.get().next());
    }

    /**
     * On to the wanted page through a page of this site rather than a redirect: this request came from the
     * provider's site, and a browser would not send the session's SameSite=Strict cookie with a redirect that
     * continues it, so the desk would not know the person yet. A navigation this page starts is the desk's own.
     */
    private static void onwards(HttpServletResponse response, String displayName, String next) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=%1$s">
                <title>Signed in · CSIRT Desk</title><link rel="stylesheet" href="/desk/desk.css"></head>
                <body><main class="signin"><h1>Signed in</h1><p>Welcome, %2$s.</p>
                <p><a class="button" href="%1$s">Continue to the desk</a></p></main></body></html>
                """.formatted(escape(next), escape(displayName)));
    }

    private static Optional<String> browserCookie(HttpServletRequest request) {
        return Optional.ofNullable(request.getCookies()).stream()
                .flatMap(Arrays::stream)
                .filter(cookie -> BROWSER_COOKIE.equals(cookie.getName()))
                .map(Cookie::getValue)
                .filter(value -> value.matches("[A-Za-z0-9_-]{43}"))
                .findFirst();
    }

    /**
     * A page of this site, never another site's URL (an open redirect), else the desk's start page: the rule of the
     * sign-in page's script. The address must be a path ("/" but not "//"), free of anything a browser would drop
     * or turn into "/" (control characters, "\\"), and, resolved and normalised ("/desk/../x" is "/x"), a path of
     * the desk or the API on this origin.
     */
    static String localPath(String next) {
        if (next == null
                || next.length() > 2000
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            return DEFAULT_NEXT;
        }
        URI resolved;
        try {
            resolved = OWN_ORIGIN.resolve(new URI(next)).normalize();
        } catch (URISyntaxException e) {
            return DEFAULT_NEXT;
        }
        String path = resolved.getRawPath();
        if (!OWN_ORIGIN.getAuthority().equals(resolved.getRawAuthority())
                || path == null
                || !(path.startsWith("/desk/") || path.startsWith("/api/"))) {
            return DEFAULT_NEXT;
        }
        return path
                + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery())
                + (resolved.getRawFragment() == null ? "" : "#" + resolved.getRawFragment());
    }

    private static void refuse(HttpServletResponse response, int status, String words) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Not signed in · CSIRT Desk</title><link rel="stylesheet" href="/desk/desk.css"></head>
                <body><main class="signin"><h1>Not signed in</h1><p role="alert">%s</p>
                <p><a class="button" href="/login.html">Back to the sign-in page</a></p></main></body></html>
                """.formatted(escape(words)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
