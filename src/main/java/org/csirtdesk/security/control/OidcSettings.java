package org.csirtdesk.security.control;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.csirtdesk.security.entity.Role;
import org.eclipse.microprofile.config.Config;

/**
 * OpenID Connect sign-in as configured under {@code csirt.security.oidc.*} (see docs/security.md): which
 * provider, this client's registration there, and which values of which claim give which role. Sign-in with
 * OpenID Connect is off unless an issuer is configured.
 *
 * @param redirectUri empty: the request's own base with {@code /login/oidc/callback}
 * @param roleValues the claim values that give each role; a role no value gives is never given this way
 */
public record OidcSettings(
        URI issuer,
        String clientId,
        Optional<String> clientSecret,
        Optional<URI> redirectUri,
        String scopes,
        String label,
        String roleClaim,
        String nameClaim,
        Map<Role, Set<String>> roleValues) {

    public static final String PREFIX = "csirt.security.oidc.";
    public static final String DEFAULT_SCOPES = "openid profile email eduperson_entitlement";
    public static final String DEFAULT_LABEL = "EGI Check-in";
    public static final String DEFAULT_ROLE_CLAIM = "eduperson_entitlement";
    /** The provider's identifier of the person: unique and never reassigned, which preferred_username is not. */
    public static final String DEFAULT_NAME_CLAIM = "sub";

    public OidcSettings {
        roleValues = Map.copyOf(roleValues);
    }

    /**
     * The settings, or empty when no issuer is configured.
     *
     * @throws IllegalStateException naming the key, when an issuer is configured but the rest does not fit:
     *         a deployment should stop rather than offer a sign-in that cannot work
     */
    public static Optional<OidcSettings> from(Config config) {
        Optional<String> issuer = text(config, "issuer");
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        URI issuerUri = uri(issuer.get(), "issuer", problems);
        if (issuerUri != null && !"https".equals(issuerUri.getScheme()) && !isLoopback(issuerUri)) {
            problems.add(PREFIX + "issuer must be an https URL (http only on the loopback, for tests)");
        }
        Optional<String> clientId = text(config, "client-id");
        if (clientId.isEmpty()) {
            problems.add(PREFIX + "client-id is required with an issuer: the client's id registered at the provider");
        }
        Optional<URI> redirect = text(config, "redirect-uri").map(value -> uri(value, "redirect-uri", problems));
        Map<Role, Set<String>> roleValues = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            List<String> values =
                    config.getOptionalValues(PREFIX + "roles." + role.slug(), String.class).orElse(List.of()).stream()
                            .map(String::strip)
                            .filter(value -> !value.isEmpty())
                            .toList();
            if (!values.isEmpty()) {
                roleValues.put(role, Set.copyOf(values));
            }
        }
        if (roleValues.isEmpty()) {
            problems.add("no " + PREFIX + "roles.<role> is set: nobody could sign in with OpenID Connect; e.g. "
                    + PREFIX + "roles.csirt=urn:mace:egi.eu:group:csirt:role=member#aai.egi.eu");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("OpenID Connect sign-in is misconfigured: " + String.join("; ", problems));
        }
        return Optional.of(new OidcSettings(
                issuerUri,
                clientId.get(),
                text(config, "client-secret"),
                redirect,
                text(config, "scopes").orElse(DEFAULT_SCOPES),
                text(config, "label").orElse(DEFAULT_LABEL),
                text(config, "roles-claim").orElse(DEFAULT_ROLE_CLAIM),
                text(config, "name-claim").orElse(DEFAULT_NAME_CLAIM),
                roleValues));
    }

    /**
     * The roles a person's claim values give: each role whose configured values include one of them. The claim
     * may be one string or a list (eduperson_entitlement is a list).
     */
    public Set<Role> rolesOf(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleValues.forEach((role, wanted) -> {
            if (values.stream().anyMatch(wanted::contains)) {
                roles.add(role);
            }
        });
        return roles;
    }

    /** The scopes as the authorization request sends them; {@code openid} is always among them. */
    public String scopeParameter() {
        List<String> list = new ArrayList<>(List.of(scopes.strip().split("\\s+")));
        if (!list.contains("openid")) {
            list.add(0, "openid");
        }
        return String.join(" ", list);
    }

    /** Without the client secret, so that no log line shows it. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", label=" + label + ", roleClaim="
                + roleClaim + ", nameClaim=" + nameClaim + ", roles=" + roleValues.keySet() + "]";
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(PREFIX + key, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    private static URI uri(String value, String key, List<String> problems) {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute() && uri.getHost() != null && uri.getScheme().matches("https?")) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // not a URI at all: reported below, like any other unusable value
        }
        problems.add(PREFIX + key + " is not an absolute http(s) URL: " + value);
        return null;
    }

    private static boolean isLoopback(URI uri) {
        return "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
    }
}
