package org.csirtdesk.security.entity;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A user signed in to the desk, as the HTTP session keeps it: the caller and the session's CSRF token, which every
 * change made with the session's cookie must carry in {@code X-CSRF-Token} (a page of another site can make the
 * browser send the cookie, but cannot read the token).
 *
 * @param providerSignOut for a person signed in with OpenID Connect, where the browser goes to sign out at the
 *        provider too (its end-session endpoint with this sign-in's ID token as the hint); null otherwise
 */
public record DeskSession(Caller caller, String csrfToken, String providerSignOut) implements Serializable {

    /** The HTTP session attribute that holds it. */
    public static final String ATTRIBUTE = DeskSession.class.getName();

    private static final SecureRandom RANDOM = new SecureRandom();

    public static DeskSession of(Caller caller, String providerSignOut) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return new DeskSession(caller, Base64.getUrlEncoder().withoutPadding().encodeToString(token), providerSignOut);
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
