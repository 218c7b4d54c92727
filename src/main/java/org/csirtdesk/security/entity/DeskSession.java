package org.csirtdesk.security.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A user signed in to the desk, as a request sees it: the caller and the session's CSRF token, which every change
 * made with the session's cookie must carry in {@code X-CSRF-Token} (a page of another site can make the browser
 * send the cookie, but cannot read the token).
 *
 * @param providerSignOut for a person signed in with OpenID Connect, where the browser goes to sign out at the
 *        provider too (its end-session endpoint with this sign-in's ID token as the hint); null otherwise
 */
public record DeskSession(Caller caller, String csrfToken, String providerSignOut) {

    /** The request attribute that holds the request's session, once the authentication found it. */
    public static final String ATTRIBUTE = DeskSession.class.getName();

    public static DeskSession of(SessionToken token, StoredSession stored) {
        return of(token, stored.caller(), stored.providerSignOut());
    }

    public static DeskSession of(SessionToken token, Caller caller, String providerSignOut) {
        return new DeskSession(caller, token.csrfToken(), providerSignOut);
    }

    /** The same session for the caller as they are now (changed roles), with its token kept. */
    public DeskSession withCaller(Caller now) {
        return new DeskSession(now, csrfToken, providerSignOut);
    }

    /** Whether a request's token is this session's, compared in constant time. */
    public boolean accepts(String token) {
        return token != null
                && MessageDigest.isEqual(
                        csrfToken.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "DeskSession[caller=" + caller + "]";
    }
}
