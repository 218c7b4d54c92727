package org.csirtdesk.ticket.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.TicketChanges;
import org.csirtdesk.ticket.control.TicketChanges.Change;
import org.csirtdesk.ticket.entity.Tlp;

/** A JSON merge patch of a ticket, read into {@link TicketChanges}: unknown members and values of the wrong type are refused. */
final class TicketPatch {

    private static final Set<String> PATCHABLE =
            Set.of("subject", "owner", "due", "tlp", "site", "requestors", "cc", "customFields");
    private static final int MAX_ADDRESSES = 50;

    private final JsonObject patch;
    private final Input input = new Input();

    private TicketPatch(JsonObject patch) {
        this.patch = patch;
    }

    /** Every member's error at once, before anything changes. */
    static TicketChanges read(JsonObject patch) {
        return new TicketPatch(patch).changes();
    }

    private TicketChanges changes() {
        patch.keySet().stream()
                .filter(key -> !PATCHABLE.contains(key))
                .sorted()
                .forEach(key -> input.fail(
                        key,
                        "not a field that can be changed; those are "
                                + PATCHABLE.stream().sorted().toList()
                                + " (status and links have their own endpoints)"));
        TicketChanges changes = new TicketChanges(
                patch.containsKey("subject") ? new Change<>(text("subject", 512, true)) : null,
                patch.containsKey("owner") ? new Change<>(text("owner", 190, false)) : null,
                patch.containsKey("due") ? new Change<>(input.instant("due", text("due", 64, false), false)) : null,
                patch.containsKey("tlp")
                        ? new Change<>(input.label("tlp", text("tlp", 16, false), Tlp::parse, Tlp.LABELS))
                        : null,
                patch.containsKey("site") ? new Change<>(text("site", 100, false)) : null,
                patch.containsKey("requestors") ? new Change<>(addresses("requestors")) : null,
                patch.containsKey("cc") ? new Change<>(addresses("cc")) : null,
                patch.containsKey("customFields") ? customFields() : null);
        input.check();
        return changes;
    }

    /** A string or null; a required one must not be null or blank. */
    private String text(String field, int maxLength, boolean required) {
        JsonValue value = patch.get(field);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return input.text(field, null, maxLength, required);
        }
        if (!(value instanceof JsonString string)) {
            input.fail(field, "must be a string or null");
            return null;
        }
        return input.text(field, string.getString(), maxLength, required);
    }

    /** An array of addresses; null clears the list. */
    private List<String> addresses(String field) {
        JsonValue value = patch.get(field);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            input.fail(field, "must be an array of e-mail addresses");
            return List.of();
        }
        if (input.count(field, array, MAX_ADDRESSES)) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString string) {
                addresses.add(input.email(field + "[" + i + "]", string.getString(), true));
            } else {
                input.fail(field + "[" + i + "]", "must be a string");
            }
        }
        return addresses.stream().filter(Objects::nonNull).distinct().toList();
    }

    private Map<String, String> customFields() {
        if (!(patch.get("customFields") instanceof JsonObject fields)) {
            input.fail("customFields", "must be an object of field names to values");
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                values.put(name, null);
            } else if (value instanceof JsonString string) {
                values.put(name, string.getString());
            } else {
                input.fail("customFields." + name, "must be a string or null");
            }
        });
        return values;
    }
}
