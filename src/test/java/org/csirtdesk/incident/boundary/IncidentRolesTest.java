package org.csirtdesk.incident.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IncidentRolesTest {

    @Test
    @DisplayName("Every incident endpoint is for staff only: @RolesAllowed csirt and coordinator")
    void everyEndpointIsForStaff() {
        List<Method> endpoints = Stream.of(IncidentsResource.class, IncidentReportsResource.class)
                .flatMap(resource -> Arrays.stream(resource.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(GET.class)
                        || method.isAnnotationPresent(POST.class)
                        || method.isAnnotationPresent(PUT.class)
                        || method.isAnnotationPresent(DELETE.class))
                .toList();
        assertThat(endpoints).hasSizeGreaterThan(15);
        assertThat(endpoints).allSatisfy(method -> assertThat(method.getAnnotation(RolesAllowed.class))
                .as(method.getName())
                .isNotNull()
                .extracting(RolesAllowed::value)
                .satisfies(roles -> assertThat(roles).containsExactlyInAnyOrder("csirt", "coordinator")));
    }
}
