package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorsTest {

    private static SecurityContext as(String name, String... roles) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return name == null ? null : () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Set.of(roles).contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return name == null ? null : BASIC_AUTH;
            }
        };
    }

    @Test
    void theActorIsTheUserSignedInOrAnonymous() {
        assertThat(Actors.of(as("alice", "csirt"))).isEqualTo("alice");
        assertThat(Actors.of(as(null))).isEqualTo("anonymous");
    }
}
