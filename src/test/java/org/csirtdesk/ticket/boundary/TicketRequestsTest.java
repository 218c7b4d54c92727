package org.csirtdesk.ticket.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.Arrays;
import java.util.List;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.ticket.control.TicketChanges;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.junit.jupiter.api.Test;

/** The ticket API's own readings: sort terms, the merge patch, a new ticket. */
class TicketRequestsTest {

    private static List<FieldError> errorsOf(Runnable read) {
        try {
            read.run();
        } catch (DomainException e) {
            return e.errors();
        }
        throw new AssertionError("no error");
    }

    @Test
    void sortTermsWithDirection() {
        Input input = new Input();
        assertThat(TicketsResource.sortKeys(input, "-due,id"))
                .containsExactly(new SortKey(SortKey.Field.DUE, true), new SortKey(SortKey.Field.ID, false));
        assertThat(TicketsResource.sortKeys(input, "createdAt"))
                .containsExactly(new SortKey(SortKey.Field.CREATED, false));
        TicketsResource.sortKeys(input, "priority");
        assertThat(errorsOf(input::check))
                .containsExactly(new FieldError(
                        "sort",
                        "cannot sort by 'priority'; sort by "
                                + Arrays.stream(SortKey.Field.values())
                                        .map(f -> f.name().toLowerCase())
                                        .toList()));
    }

    @Test
    void mergePatchKnowsAbsentFromNull() {
        TicketChanges changes = TicketPatch.read(Json.createObjectBuilder()
                .add("owner", Json.createValue("bob"))
                .addNull("due")
                .build());
        assertThat(changes.owner().value()).isEqualTo("bob");
        assertThat(changes.due()).isNotNull();
        assertThat(changes.due().value()).isNull();
        assertThat(changes.subject()).isNull();
    }

    @Test
    void mergePatchNamesEveryBadField() {
        assertThat(errorsOf(() -> TicketPatch.read(Json.createObjectBuilder()
                        .add("status", "resolved")
                        .add("due", "tomorrow")
                        .add("subject", 3)
                        .add("tlp", "BLUE")
                        .add("cc", Json.createArrayBuilder().add("x@y.example").add(1))
                        .add("customFields", Json.createObjectBuilder().add("IP", 1))
                        .build())))
                .extracting(FieldError::field)
                .containsExactly("status", "subject", "due", "tlp", "cc[1]", "customFields.IP");
    }

    @Test
    void mergePatchTakesAnyOffset() {
        TicketChanges changes = TicketPatch.read(Json.createObjectBuilder()
                .add("due", "2026-12-01T15:00:00+01:00")
                .build());
        assertThat(changes.due().value()).hasToString("2026-12-01T14:00:00Z");
    }

    @Test
    void aNewTicketNamesEveryBadFieldAndTheQueues() {
        List<FieldError> errors = errorsOf(() -> new NewTicket(
                        "General",
                        " ",
                        "BLUE",
                        null,
                        List.of("not an address"),
                        null,
                        "tomorrow",
                        null,
                        null,
                        null,
                        null)
                .toDraft());
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("queue", "subject", "tlp", "requestors[0]", "due");
        assertThat(errors.get(0).reason()).contains("incident-reports").contains("countermeasures");
    }
}
