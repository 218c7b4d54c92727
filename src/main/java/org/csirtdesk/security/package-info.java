/**
 * Who may do what: the users of the API (a name, a PBKDF2 hash of the password, roles), HTTP Basic
 * authentication of the API's requests against them, the role check of every resource method from its
 * {@code @RolesAllowed} ({@code boundary.RoleCheck}), the throttle of failed sign-ins, and the first users (an initial admin from configuration, the
 * demo's users). Monitoring's bearer tokens stay with {@code finding}. See {@code docs/security.md}.
 */
package org.csirtdesk.security;
