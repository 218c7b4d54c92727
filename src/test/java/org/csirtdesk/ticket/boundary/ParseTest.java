package org.csirtdesk.ticket.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.util.Arrays;
import java.util.List;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.ticket.control.TicketChanges;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.junit.jupiter.api.Test;

class ParseTest {

    private static FieldError errorOf(Runnable parse) {
        try {
            parse.run();
        } catch (DomainException e) {
            return e.errors().get(0);
        }
        throw new AssertionError("no error");
    }

    @Test
    void sortTermsWithDirection() {
        assertThat(Parse.sort("sort", "-due,id")).containsExactly(new SortKey(SortKey.Field.DUE, true),
                new SortKey(SortKey.Field.ID, false));
        assertThat(Parse.sort("sort", "createdAt")).containsExactly(new SortKey(SortKey.Field.CREATED, false));
        assertThat(errorOf(() -> Parse.sort("sort", "priority"))).isEqualTo(new FieldError("sort",
                "cannot sort by 'priority'; sort by " + Arrays.stream(SortKey.Field.values())
                        .map(f -> f.name().toLowerCase()).toList()));
    }

    @Test
    void emailsAreCheckedOneByOne() {
        assertThat(Parse.emails("requestors", List.of("Admin@Site.Example", "admin@site.example")))
                .containsExactly("admin@site.example");
        assertThat(errorOf(() -> Parse.emails("cc", List.of("ok@site.example", "not an address"))).field())
                .isEqualTo("cc[1]");
        assertThat(errorOf(() -> Parse.emails("cc", List.of("Bob <bob@site.example>"))).field()).isEqualTo("cc[0]");
    }

    @Test
    void mergePatchKnowsAbsentFromNull() {
        TicketChanges changes = Parse.changes(Json.createObjectBuilder()
                .add("owner", Json.createValue("bob")).addNull("due").build());
        assertThat(changes.owner().value()).isEqualTo("bob");
        assertThat(changes.due()).isNotNull();
        assertThat(changes.due().value()).isNull();
        assertThat(changes.subject()).isNull();
    }

    @Test
    void mergePatchNamesTheBadField() {
        assertThat(errorOf(() -> Parse.changes(Json.createObjectBuilder().add("status", "resolved").build())).field())
                .isEqualTo("status");
        assertThat(errorOf(() -> Parse.changes(Json.createObjectBuilder().add("due", "tomorrow").build())).field())
                .isEqualTo("due");
        assertThat(errorOf(() -> Parse.changes(Json.createObjectBuilder().add("subject", 3).build())).field())
                .isEqualTo("subject");
        assertThat(errorOf(() -> Parse.changes(Json.createObjectBuilder()
                .add("customFields", Json.createObjectBuilder().add("IP", 1)).build())).field())
                .isEqualTo("customFields.IP");
    }

    @Test
    void unknownQueueListsTheQueues() {
        assertThatThrownBy(() -> Parse.queue("queue", "General"))
                .hasMessageContaining("incident-reports").hasMessageContaining("countermeasures");
    }

    @Test
    void aYesOrNoFilterIsTrueFalseOrAbsent() {
        assertThat(Parse.bool("active", "TRUE")).isTrue();
        assertThat(Parse.bool("active", "false")).isFalse();
        assertThat(Parse.bool("active", " ")).isNull();
        assertThat(Parse.bool("active", null)).isNull();
        assertThatThrownBy(() -> Parse.bool("waitingForCsirt", "yes")).isInstanceOf(DomainException.class)
                .hasMessageContaining("'yes' is neither true nor false");
    }
}
