package org.csirtdesk.security.control;

import java.net.URI;
import java.util.Optional;
import org.csirtdesk.security.entity.Caller;

/**
 * A person the OpenID Connect provider vouched for, with the roles their claims give.
 *
 * @param caller named {@code oidc:<name claim>} (the actor in history), never a user of the users table
 * @param displayName the person's preferred_username, name or e-mail address, for people to read
 * @param providerSignOut where the browser signs out at the provider too (OpenID Connect RP-Initiated Logout), when
 *        the provider's discovery names an end-session endpoint
 */
public record OidcSignIn(Caller caller, String displayName, Optional<URI> providerSignOut) {}
