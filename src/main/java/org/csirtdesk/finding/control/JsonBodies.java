package org.csirtdesk.finding.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.csirtdesk.platform.entity.DomainException;

/** Reading the JSON formats of monitoring: the whole body, then fields that may be absent or of the wrong type. */
final class JsonBodies {

    private JsonBodies() {}

    static JsonValue parse(byte[] body) {
        if (body.length == 0) {
            throw DomainException.invalid("body", "is empty");
        }
        // A parser rather than a JsonReader: readValue() stops after the first value and never looks at what
        // follows, so two webhooks in one body, or ARGO events one per line, would lose all but the first.
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                throw DomainException.invalid("body", "is not valid JSON: it holds no value");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                JsonLocation at = parser.getLocation();
                throw DomainException.invalid(
                        "body",
                        "is not valid JSON at line " + at.getLineNumber() + ", column " + at.getColumnNumber()
                                + ": something follows the first JSON value; a body is one JSON value");
            }
            return value;
        } catch (JsonParsingException e) {
            throw DomainException.invalid(
                    "body",
                    "is not valid JSON at line " + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber() + ": " + e.getMessage());
        } catch (JsonException e) {
            throw DomainException.invalid("body", "is not valid JSON: " + e.getMessage());
        }
    }

    /** A string member, or null when absent or JSON null; a problem when it is of another type. */
    static String string(JsonObject object, String name, ItemCheck check, String field) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        check.problem(
                field, "must be a string, not " + value.getValueType().name().toLowerCase());
        return null;
    }

    /** Whether a member is absent or JSON null, rather than present with a type {@link #string} refuses. */
    static boolean absent(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    /** An RFC 3339 time, or null when absent. */
    static Instant time(String text, ItemCheck check, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            check.problem(
                    field, "'" + ItemCheck.printable(text) + "' is not an RFC 3339 time such as 2026-11-21T06:15:00Z");
            return null;
        }
    }
}
