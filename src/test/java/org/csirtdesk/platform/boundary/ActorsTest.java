package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.entity.Role;
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
    void aUserWithOneOfTheRolesActsUnderItsName() {
        assertThat(Actors.require(as("alice", "csirt"), Role.CSIRT)).isEqualTo("alice");
        assertThat(Actors.require(as("carol", "coordinator"), Role.CSIRT, Role.COORDINATOR)).isEqualTo("carol");
        assertThat(Actors.of(as("alice", "csirt"))).isEqualTo("alice");
    }

    @Test
    void nobodySignedInIsUnauthorized() {
        assertThatThrownBy(() -> Actors.require(as(null), Role.CSIRT)).isInstanceOfSatisfying(DomainException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("csirt");
                });
        assertThat(Actors.of(as(null))).isEqualTo("anonymous");
    }

    @Test
    void aUserWithoutTheRolesIsForbiddenAndToldWhichAreNeeded() {
        assertThatThrownBy(() -> Actors.require(as("olga", "omb"), Role.CSIRT, Role.COORDINATOR))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("olga", "csirt, coordinator");
                });
        assertThatThrownBy(() -> Actors.require(as("alice", "csirt"))).isInstanceOf(IllegalArgumentException.class);
    }
}
