package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.csirtdesk.security.entity.Role;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    static final String CSIRT = "urn:mace:egi.eu:group:csirt:role=member#aai.egi.eu";
    static final String OMB = "urn:mace:egi.eu:group:omb:role=member#aai.egi.eu";

    /** MicroProfile Config from a map: lists split at commas, as every implementation does. */
    record MapConfig(Map<String, String> values) implements Config {

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            Optional<String> value = Optional.ofNullable(values.get(name));
            if (type == String[].class) {
                return (Optional<T>) value.map(text -> text.split(","));
            }
            return (Optional<T>) value;
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }

    static Map<String, String> egiCheckIn() {
        Map<String, String> values = new HashMap<>();
        values.put("csirt.security.oidc.issuer", "https://aai.egi.eu/auth/realms/egi");
        values.put("csirt.security.oidc.client-id", "csirt-desk");
        values.put("csirt.security.oidc.client-secret", "the client secret");
        values.put("csirt.security.oidc.roles.csirt", CSIRT);
        values.put(
                "csirt.security.oidc.roles.coordinator",
                "urn:mace:egi.eu:group:csirt:role=coordinator#aai.egi.eu, " + CSIRT);
        values.put("csirt.security.oidc.roles.omb", OMB);
        return values;
    }

    @Test
    void offWithoutAnIssuer() {
        assertThat(OidcSettings.from(new MapConfig(Map.of("csirt.security.oidc.client-id", "x"))))
                .isEmpty();
        assertThat(OidcSettings.from(new MapConfig(Map.of("csirt.security.oidc.issuer", " "))))
                .isEmpty();
    }

    @Test
    void egiCheckInWithTheDefaults() {
        OidcSettings settings = OidcSettings.from(new MapConfig(egiCheckIn())).orElseThrow();
        assertThat(settings.issuer()).isEqualTo(URI.create("https://aai.egi.eu/auth/realms/egi"));
        assertThat(settings.clientSecret()).contains("the client secret");
        assertThat(settings.redirectUri()).isEmpty();
        assertThat(settings.scopeParameter()).isEqualTo("openid profile email eduperson_entitlement");
        assertThat(settings.label()).isEqualTo("EGI Check-in");
        assertThat(settings.roleClaim()).isEqualTo("eduperson_entitlement");
        assertThat(settings.nameClaim()).isEqualTo("sub");
        assertThat(settings.toString()).doesNotContain("the client secret");
    }

    @Test
    void eachRoleIsGivenByAnyOfItsValuesAndNothingElse() {
        OidcSettings settings = OidcSettings.from(new MapConfig(egiCheckIn())).orElseThrow();
        assertThat(settings.rolesOf(List.of("urn:other", CSIRT))).containsExactly(Role.CSIRT, Role.COORDINATOR);
        assertThat(settings.rolesOf(OMB)).as("a single string").containsExactly(Role.OMB);
        assertThat(settings.rolesOf(List.of(CSIRT.toUpperCase(), CSIRT + " ", "urn:mace:egi.eu:group:csirt")))
                .as("exact values only")
                .isEmpty();
        assertThat(settings.rolesOf(null)).isEmpty();
        assertThat(settings.rolesOf(42)).isEmpty();
    }

    @Test
    void openidIsAlwaysAScope() {
        Map<String, String> values = egiCheckIn();
        values.put("csirt.security.oidc.scopes", " profile  email ");
        assertThat(OidcSettings.from(new MapConfig(values)).orElseThrow().scopeParameter())
                .isEqualTo("openid profile email");
    }

    @Test
    void aMisconfigurationStopsTheDeploymentNamingTheKeys() {
        Map<String, String> values = new HashMap<>();
        values.put("csirt.security.oidc.issuer", "http://aai.egi.eu/auth/realms/egi");
        values.put("csirt.security.oidc.redirect-uri", "/login/oidc/callback");
        assertThatThrownBy(() -> OidcSettings.from(new MapConfig(values)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer must be an https URL")
                .hasMessageContaining("client-id is required")
                .hasMessageContaining("redirect-uri is not an absolute")
                .hasMessageContaining("roles.csirt=");
        values.put("csirt.security.oidc.issuer", "http://127.0.0.1:8443/realm");
        values.put("csirt.security.oidc.client-id", "desk");
        values.remove("csirt.security.oidc.redirect-uri");
        values.put("csirt.security.oidc.roles.rod", "urn:rod");
        assertThat(OidcSettings.from(new MapConfig(values)))
                .as("http on the loopback, for tests")
                .isPresent();
    }
}
