package org.csirtdesk.ticket.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CustomFieldTest {

    @Test
    void dateTimesAreStoredAsUtcInstants() {
        CustomField discovered =
                new CustomField(Queue.INVESTIGATIONS, "Discovered At", CustomFieldType.DATE_TIME, null, List.of());
        assertThat(discovered.normalize("2026-11-23T10:00:00+01:00").value()).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(discovered.normalize("23/11/2026").error()).contains("ISO-8601");
    }

    @Test
    void selectValuesMustBeOptions() {
        CustomField action = new CustomField(
                Queue.COUNTERMEASURES,
                "Action",
                CustomFieldType.SELECT,
                null,
                List.of("Site suspension", "Block address"));
        assertThat(action.normalize("Block address").value()).isEqualTo("Block address");
        assertThat(action.normalize("Nuke").error()).contains("Site suspension");
    }

    @Test
    void textHasALimit() {
        CustomField ip = new CustomField(Queue.INVESTIGATIONS, "IP", CustomFieldType.TEXT, null, List.of("ignored"));
        assertThat(ip.options()).isEmpty();
        assertThat(ip.normalize("192.0.2.1").value()).isEqualTo("192.0.2.1");
        assertThat(ip.normalize("1".repeat(CustomField.MAX_TEXT_LENGTH + 1)).error())
                .contains("longer");
    }
}
