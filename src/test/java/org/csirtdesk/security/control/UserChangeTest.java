package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.security.entity.Role;
import org.junit.jupiter.api.Test;

class UserChangeTest {

    @Test
    void onlyAPasswordIsAChangeAUserMayMakeToThemselves() {
        assertThat(new UserChange(null, null, false, null, "a new password", "the old one").administers())
                .isFalse();
        assertThat(new UserChange(false, null, false, null, null, null).administers())
                .isTrue();
        assertThat(new UserChange(null, List.of("csirt"), false, null, null, null).administers())
                .isTrue();
        assertThat(new UserChange(null, null, true, null, null, null).administers())
                .as("removing the address")
                .isTrue();
    }

    @Test
    void theRulesOfANewUserApplyAndEachProblemNamesItsField() {
        List<FieldError> problems =
                new UserChange(null, List.of("csirt", "boss"), true, "nowhere", "eleven char", null).problems();
        assertThat(problems).extracting(FieldError::field).containsExactly("password", "roles[1]", "email");
        assertThat(new UserChange(null, List.of(), false, null, null, null).problems())
                .extracting(FieldError::field)
                .containsExactly("roles");
        assertThat(new UserChange(null, null, false, null, null, null).problems())
                .extracting(FieldError::field)
                .containsExactly("body");
    }

    @Test
    void aGoodChangeGivesItsRolesOnceEachAndAnEmptyAddressRemovesIt() {
        UserChange change = new UserChange(true, List.of("rod", "ROD", "omb"), true, " ", null, null);
        assertThat(change.problems()).isEmpty();
        assertThat(change.roleSet()).containsExactly(Role.OMB, Role.ROD);
        assertThat(change.address()).isNull();
    }

    @Test
    void noPasswordIsEverShown() {
        UserChange change = new UserChange(false, null, false, null, "secret new password", "secret old password");
        assertThat(change.summary()).doesNotContain("secret").isEqualTo("disabled, a new password");
        assertThat(change.toString()).isEqualTo(change.summary());
    }

    @Test
    void theSummaryNamesTheRolesOnceEachAndARemovedAddress() {
        UserChange change = new UserChange(true, List.of("rod", "ROD", "omb"), true, " ", null, null);
        assertThat(change.summary()).isEqualTo("enabled, roles [omb, rod], e-mail removed");
    }
}
