package org.csirtdesk.incident.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;

/**
 * What the incident procedure's integration tests (IncidentIT, IncidentDeadlinesIT, IncidentSafeguardsIT) read and do
 * alike through the API: an affected site and its deadlines, the exercise clock, the fields of a letter.
 */
final class IncidentSteps {

    private IncidentSteps() {}

    /** One affected site of the incident, as the API lists it. */
    static JsonObject site(Api api, long incident, String name) {
        return api.get("api/incidents/" + incident + "/sites").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(site -> site.getString("site").equals(name))
                .findFirst()
                .orElseThrow();
    }

    static JsonObject deadline(JsonObject site, String kind) {
        return site.getJsonArray("deadlines").stream()
                .map(JsonValue::asJsonObject)
                .filter(d -> d.getString("kind").equals(kind))
                .findFirst()
                .orElseThrow();
    }

    static Instant instant(JsonObject object, String field) {
        return Instant.parse(object.getString(field));
    }

    /** The exercise clock moved to a time. */
    static void moveTo(Api api, Instant to) {
        Answer moved = api.post("api/exercise/clock", "{\"to\": \"" + to + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    /** The exercise clock moved on by an ISO-8601 duration. */
    static void advance(Api api, String by) {
        Answer moved = api.post("api/exercise/clock", "{\"advanceBy\": \"" + by + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    /** The exercise clock's time. */
    static Instant now(Api api) {
        return Instant.parse(api.get("api/exercise/clock").json().getString("now"));
    }

    static JsonObject only(List<JsonObject> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    static List<String> strings(JsonObject message, String field) {
        return message.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /** The values of a list of indicators. */
    static List<String> values(JsonArray indicators) {
        return indicators.stream()
                .map(value -> value.asJsonObject().getString("value"))
                .toList();
    }
}
