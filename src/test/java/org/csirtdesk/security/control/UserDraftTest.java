package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.Role;
import org.junit.jupiter.api.Test;

class UserDraftTest {

    @Test
    void aGoodDraftHasNoProblemsAndItsRolesOnceEach() {
        UserDraft draft = new UserDraft(
                "alice.o-k_1", "twelve chars", List.of("csirt", "COORDINATOR", "csirt"), " alice@csirt.example ");
        assertThat(draft.problems()).isEmpty();
        assertThat(draft.roleSet()).containsExactly(Role.CSIRT, Role.COORDINATOR);
        assertThat(draft.address()).isEqualTo("alice@csirt.example");
        assertThat(new UserDraft("bob", "twelve chars", List.of("rod"), " ").address())
                .isNull();
    }

    @Test
    void everyProblemIsNamedByItsField() {
        List<FieldError> problems = new UserDraft("Alice", "eleven char", List.of("csirt", "boss"), "alice").problems();
        assertThat(problems).extracting(FieldError::field).containsExactly("name", "password", "roles[1]", "email");
        assertThat(problems.get(2).reason()).contains("boss", "csirt, coordinator, omb, rod, admin");
        assertThat(new UserDraft(null, null, List.of(), null).problems())
                .extracting(FieldError::field)
                .containsExactly("name", "password", "roles");
    }

    @Test
    void aNameIsLowerCaseWithoutColonsOrSpaces() {
        for (String bad : new String[] {"a:b", "a b", "-alice", ".alice", "ALICE", "a".repeat(65), "alice\u0000"}) {
            assertThat(new UserDraft(bad, "twelve chars", List.of("csirt"), null).problems())
                    .as(bad)
                    .extracting(FieldError::field)
                    .containsExactly("name");
        }
        assertThat(new UserDraft("a".repeat(64), "twelve chars", List.of("csirt"), null).problems())
                .isEmpty();
    }

    @Test
    void thePasswordIsCountedInCharactersAndNeverShown() {
        assertThat(new UserDraft("alice", "🔐".repeat(12), List.of("csirt"), null).problems())
                .isEmpty();
        assertThat(new UserDraft("alice", "x".repeat(1025), List.of("csirt"), null).problems())
                .extracting(FieldError::field)
                .containsExactly("password");
        assertThat(new UserDraft("alice", "secret password", List.of("csirt"), null).toString())
                .doesNotContain("secret password");
    }
}
