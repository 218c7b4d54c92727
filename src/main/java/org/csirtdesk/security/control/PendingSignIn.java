package org.csirtdesk.security.control;

import java.net.URI;
import java.time.Instant;

/**
 * A sign-in sent to the OpenID Connect provider and not back yet: kept by {@link PendingSignIns} until the
 * callback, used once. The state ties the callback to this browser, the nonce the ID token to this sign-in,
 * the PKCE verifier the code to this client (RFC 7636).
 *
 * @param next the desk page to open after signing in
 */
public record PendingSignIn(
        String state,
        String nonce,
        String codeVerifier,
        URI redirectUri,
        String next,
        Instant startedAt,
        URI authorizationRequest) {

    /** Secrets of one sign-in: kept out of the log. */
    @Override
    public String toString() {
        return "PendingSignIn[redirectUri=" + redirectUri + ", next=" + next + ", startedAt=" + startedAt + "]";
    }
}
