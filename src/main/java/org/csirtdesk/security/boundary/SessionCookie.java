package org.csirtdesk.security.boundary;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.csirtdesk.security.entity.SessionToken;

/**
 * The desk session's cookie: the session's token, out of reach of scripts (HttpOnly), sent with no other site's
 * request (SameSite=Strict: a second guard besides the CSRF token), Secure when the desk is reached over https. It
 * lives as long as the browser's session; the database decides how long the session does.
 */
final class SessionCookie {

    /** The cookie's name, and the request attribute that holds the request's token once its session is found. */
    static final String NAME = "CSIRT_DESK_SESSION";

    /** 32 bytes in unpadded base64url; anything else is no session's, and costs no query. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SessionCookie() {}

    static Optional<SessionToken> read(HttpServletRequest request) {
        return Optional.ofNullable(request.getCookies()).stream()
                .flatMap(Arrays::stream)
                .filter(cookie -> NAME.equals(cookie.getName()))
                .map(Cookie::getValue)
                .filter(value -> value != null && TOKEN.matcher(value).matches())
                .findFirst()
                .map(SessionToken::new);
    }

    static void set(HttpServletResponse response, SessionToken token, boolean secure) {
        response.addHeader("Set-Cookie", NAME + "=" + token.value() + attributes(secure));
    }

    static void clear(HttpServletResponse response, boolean secure) {
        response.addHeader("Set-Cookie", NAME + "=; Max-Age=0" + attributes(secure));
    }

    private static String attributes(boolean secure) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
