package org.csirtdesk.ticket.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.ticket.control.TicketChanges;
import org.csirtdesk.ticket.control.TicketChanges.Change;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Tlp;

/** Turns the API's text into domain values, naming the field and the reason when it cannot. */
final class Parse {

    private static final Set<String> PATCHABLE = Set.of("subject", "owner", "due", "tlp", "site", "requestors", "cc",
            "customFields");

    private Parse() {
    }

    /** Collects every problem of a request body, so the caller learns all of them at once. */
    static final class Checks {
        private final List<FieldError> errors = new ArrayList<>();

        void required(String field, String value) {
            if (value == null || value.isBlank()) {
                errors.add(new FieldError(field, "is required"));
            }
        }

        void text(String field, String value, int maxLength, boolean required) {
            if (required) {
                required(field, value);
            }
            if (value != null && value.length() > maxLength) {
                errors.add(new FieldError(field, "longer than " + maxLength + " characters"));
            }
        }

        void count(String field, java.util.Collection<?> values, int max) {
            if (values != null && values.size() > max) {
                errors.add(new FieldError(field, "more than " + max + " entries"));
            }
        }

        void range(String field, int value, int min, int max) {
            if (value < min || value > max) {
                errors.add(new FieldError(field, "must be from " + min + " to " + max));
            }
        }

        void done() {
            if (!errors.isEmpty()) {
                throw DomainException.invalid(errors);
            }
        }
    }

    static Queue queue(String field, String text) {
        return Queue.parse(text).orElseThrow(() -> DomainException.invalid(field, "unknown queue '" + text
                + "'; the queues are " + Arrays.stream(Queue.values()).map(Queue::slug).toList()));
    }

    static Status status(String field, String text) {
        return Status.parse(text).orElseThrow(() -> DomainException.invalid(field, "unknown status '" + text
                + "'; the statuses are " + Arrays.stream(Status.values()).map(Status::label).toList()));
    }

    static Tlp tlp(String field, String text) {
        return Tlp.parse(text).orElseThrow(() -> DomainException.invalid(field, "unknown TLP label '" + text
                + "'; the labels are " + Arrays.toString(Tlp.values())));
    }

    static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "'" + text + "' is not an ISO-8601 date-time with offset, "
                    + "e.g. 2026-11-23T10:00:00Z");
        }
    }

    /** true, false, or none (null or blank). */
    static Boolean bool(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.invalid(field, "'" + text + "' is neither true nor false");
        };
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Plain addresses (no display name) in lower case, duplicates dropped; a bad one is named by its index. */
    static List<String> emails(String field, List<String> addresses) {
        if (addresses == null) {
            return List.of();
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            checked.add(email(field + "[" + i + "]", addresses.get(i)));
        }
        return checked.stream().distinct().toList();
    }

    /** A JSON merge patch of a ticket: unknown members and values of the wrong type are refused. */
    static TicketChanges changes(JsonObject patch) {
        List<String> unknown = patch.keySet().stream().filter(key -> !PATCHABLE.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(unknown.get(0), "not a field that can be changed; those are "
                    + PATCHABLE.stream().sorted().toList() + " (status and links have their own endpoints)");
        }
        return new TicketChanges(
                patch.containsKey("subject") ? new Change<>(requiredText(patch, "subject", 512)) : null,
                patch.containsKey("owner") ? new Change<>(optionalText(patch, "owner", 190)) : null,
                patch.containsKey("due") ? new Change<>(optionalInstant(patch, "due")) : null,
                patch.containsKey("tlp") ? new Change<>(tlp("tlp", requiredText(patch, "tlp", 16))) : null,
                patch.containsKey("site") ? new Change<>(optionalText(patch, "site", 100)) : null,
                patch.containsKey("requestors") ? new Change<>(emailArray(patch, "requestors")) : null,
                patch.containsKey("cc") ? new Change<>(emailArray(patch, "cc")) : null,
                patch.containsKey("customFields") ? customFields(patch) : null);
    }

    private static String requiredText(JsonObject patch, String field, int maxLength) {
        String text = optionalText(patch, field, maxLength);
        if (text == null) {
            throw DomainException.invalid(field, "must not be empty");
        }
        return text;
    }

    private static String optionalText(JsonObject patch, String field, int maxLength) {
        JsonValue value = patch.get(field);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw DomainException.invalid(field, "must be a string or null");
        }
        String text = blankToNull(string.getString());
        if (text != null && text.length() > maxLength) {
            throw DomainException.invalid(field, "longer than " + maxLength + " characters");
        }
        return text;
    }

    private static Instant optionalInstant(JsonObject patch, String field) {
        String text = optionalText(patch, field, 64);
        return text == null ? null : instant(field, text);
    }

    private static List<String> emailArray(JsonObject patch, String field) {
        JsonValue value = patch.get(field);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw DomainException.invalid(field, "must be an array of e-mail addresses");
        }
        if (array.size() > 50) {
            throw DomainException.invalid(field, "more than 50 addresses");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString string)) {
                throw DomainException.invalid(field + "[" + i + "]", "must be a string");
            }
            addresses.add(string.getString());
        }
        return emails(field, addresses);
    }

    private static String email(String field, String address) {
        if (address == null) {
            throw DomainException.invalid(field, "must be an e-mail address, not null");
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            if (parsed.getPersonal() != null || !parsed.getAddress().contains("@") || parsed.getAddress().length() > 254) {
                throw new AddressException("not a plain address");
            }
            return parsed.getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            throw DomainException.invalid(field, "'" + address + "' is not an e-mail address");
        }
    }

    private static Map<String, String> customFields(JsonObject patch) {
        if (!(patch.get("customFields") instanceof JsonObject fields)) {
            throw DomainException.invalid("customFields", "must be an object of field names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                values.put(name, null);
            } else if (value instanceof JsonString string) {
                values.put(name, string.getString());
            } else {
                throw DomainException.invalid("customFields." + name, "must be a string or null");
            }
        });
        return values;
    }

    /** Each value of a comma-separated or repeated query parameter, parsed. */
    static <T> Set<T> each(List<String> values, Function<String, T> parser) {
        if (values == null) {
            return Set.of();
        }
        return values.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(value -> !value.isEmpty()).map(parser).collect(Collectors.toSet());
    }

    static String lowerCase(String text) {
        String trimmed = blankToNull(text);
        return trimmed == null ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /** {@code -due,id}: fields in order, a leading '-' for descending. */
    static List<SortKey> sort(String field, String text) {
        List<SortKey> keys = new ArrayList<>();
        for (String term : blankToNull(text) == null ? new String[0] : text.split(",")) {
            String name = term.trim();
            boolean descending = name.startsWith("-");
            String wanted = descending ? name.substring(1) : name;
            SortKey.Field sortField = Arrays.stream(SortKey.Field.values())
                    .filter(f -> f.name().equalsIgnoreCase(wanted) || f.property.equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> DomainException.invalid(field, "cannot sort by '" + wanted + "'; sort by "
                            + Arrays.stream(SortKey.Field.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
            keys.add(new SortKey(sortField, descending));
        }
        return keys;
    }
}
