package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

class StrictJsonBodyTest {

    private record Body(String name) {}

    private static FieldError refusal(String json, boolean object) {
        return refusal(json.getBytes(StandardCharsets.UTF_8), object);
    }

    private static FieldError refusal(byte[] body, boolean object) {
        try {
            StrictJsonBody.check(body, object);
        } catch (DomainException e) {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("accepted: " + new String(body, StandardCharsets.UTF_8));
    }

    private static void accepted(String json, boolean object) {
        assertThatCode(() -> StrictJsonBody.check(json.getBytes(StandardCharsets.UTF_8), object))
                .doesNotThrowAnyException();
    }

    @Test
    void anOrdinaryBodyPasses() {
        accepted(
                "{\"queue\": \"incidents\", \"requestors\": [\"a@b.example\", \"c@d.example\"], "
                        + "\"customFields\": {\"IP\": null}, \"n\": 1.5, \"ok\": true}",
                true);
        accepted("\uFEFF{\"subject\": \"with a byte order mark\"}", true);
        accepted("", true);
        accepted("  \n", true);
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        assertThat(refusal("{\"queue\": \"incidents\", \"subject\": \"x\", \"queue\": \"countermeasures\"}", true))
                .isEqualTo(new FieldError("queue", "is given twice in the same object"));
        assertThat(refusal("{\"customFields\": {\"IP\": \"1\", \"IP\": \"2\"}}", true)
                        .field())
                .isEqualTo("customFields.IP");
        assertThat(refusal("{\"alerts\": [{\"a\": 1}, {\"b\": 1, \"b\": 2}]}", true)
                        .field())
                .isEqualTo("alerts[1].b");
    }

    @Test
    void theSameKeyInSiblingObjectsIsNoDuplicate() {
        accepted(
                "{\"alerts\": [{\"labels\": {\"site\": \"A\"}}, {\"labels\": {\"site\": \"B\"}}], \"site\": \"C\"}",
                true);
    }

    @Test
    void nestingDeeperThanTheLimitSaysSoAndNoMore() {
        String deep = "[".repeat(StrictJsonBody.MAX_DEPTH + 1) + "]".repeat(StrictJsonBody.MAX_DEPTH + 1);
        assertThat(refusal(deep, false)).isEqualTo(new FieldError("body", "nested too deep"));
        assertThat(refusal("{\"a\":" + deep + "}", true).reason()).isEqualTo("nested too deep");
        String atTheLimit = "[".repeat(StrictJsonBody.MAX_DEPTH) + "]".repeat(StrictJsonBody.MAX_DEPTH);
        accepted(atTheLimit, false);
    }

    @Test
    void anUnclosedDeepNestingIsStoppedBeforeTheParserFails() {
        assertThat(refusal("[".repeat(100_000), false).reason()).isEqualTo("nested too deep");
    }

    @Test
    void aNulCharacterInAStringOrKeyIsRefused() {
        assertThat(refusal("{\"subject\": \"a\\u0000b\"}", true))
                .isEqualTo(new FieldError("subject", "contains a NUL character"));
        assertThat(refusal("{\"requestors\": [\"ok\", \"x\\u0000\"]}", true).field())
                .isEqualTo("requestors[1]");
        assertThat(refusal("{\"a\\u0000\": 1}", true).reason()).contains("NUL");
        assertThat(refusal("\"\\u0000\"", false).field()).isEqualTo("body");
    }

    @Test
    void anEscapedBackslashBeforeU0000IsText() {
        accepted("{\"subject\": \"the sequence \\\\u0000 in a log\"}", true);
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] body = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(refusal(body, true)).isEqualTo(new FieldError("body", "is not valid UTF-8"));
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        assertThat(refusal(overlong, false).field()).isEqualTo("body");
    }

    @Test
    void anythingButAnObjectIsRefusedWhereAnObjectIsRead() {
        for (String body : List.of("[]", "1", "\"x\"", "null", "true")) {
            assertThat(refusal(body, true)).as(body).isEqualTo(new FieldError("body", "must be a JSON object"));
            accepted(body, false);
        }
    }

    @Test
    void aSyntaxErrorSaysWhereAndNothingOfTheParser() {
        FieldError cutShort = refusal("{\"a\": ", true);
        assertThat(cutShort.field()).isEqualTo("body");
        assertThat(cutShort.reason()).startsWith("is not JSON: it goes wrong at line 1, column ");
        assertThat(refusal("{\n oops}", true).reason())
                .startsWith("is not JSON: it goes wrong at line 2, column ")
                .doesNotContainIgnoringCase("token");
    }

    @Test
    void objectsAreReadForRecordsAndJsonObjectsButNotForTextListsOrBytes() {
        assertThat(StrictJsonBody.readsObject(Body.class)).isTrue();
        assertThat(StrictJsonBody.readsObject(JsonObject.class)).isTrue();
        assertThat(StrictJsonBody.readsObject(Map.class)).isTrue();
        assertThat(StrictJsonBody.readsObject(String.class)).isFalse();
        assertThat(StrictJsonBody.readsObject(byte[].class)).isFalse();
        assertThat(StrictJsonBody.readsObject(List.class)).isFalse();
        assertThat(StrictJsonBody.readsObject(JsonArray.class)).isFalse();
        assertThat(StrictJsonBody.readsObject(Long.class)).isFalse();
    }
}
