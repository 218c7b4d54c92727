package org.csirtdesk.security.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void theRolesAreNamedInLowerCaseAndParsedLeniently() {
        assertThat(Arrays.stream(Role.values()).map(Role::slug))
                .containsExactly("csirt", "coordinator", "omb", "rod", "admin");
        assertThat(Role.parse(" OMB ")).contains(Role.OMB);
        assertThat(Role.parse("boss")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }
}
