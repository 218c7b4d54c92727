/**
 * Who may do what: the users of the API (a name, a PBKDF2 hash of the password, roles), HTTP Basic
 * authentication of the API's requests against them, the roles a resource checks through
 * {@code platform.boundary.Actors.require}, and the first users (an initial admin from configuration, the
 * demo's users). Monitoring's bearer tokens stay with {@code finding}. See {@code docs/security.md}.
 */
package org.csirtdesk.security;
