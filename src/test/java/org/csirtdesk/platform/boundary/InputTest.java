package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

class InputTest {

    private enum Colour {
        LIGHT_BLUE,
        RED
    }

    private static List<FieldError> errorsOf(Input input) {
        try {
            input.check();
            return List.of();
        } catch (DomainException e) {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT);
            return e.errors();
        }
    }

    @Test
    void collectsEveryFieldErrorBeforeRefusing() {
        Input input = new Input();
        input.text("title", null, 10, true);
        input.text("advisory", "x".repeat(11), 10, false);
        input.instant("deadline", "tomorrow", false);
        input.choice("scope", "narrow", Colour.class, Colour.RED);
        assertThat(errorsOf(input))
                .extracting(FieldError::field)
                .containsExactly("title", "advisory", "deadline", "scope");
    }

    @Test
    void textIsStrippedAndBlankIsAbsent() {
        Input input = new Input();
        assertThat(input.text("subject", "  a subject \n", 100, true)).isEqualTo("a subject");
        assertThat(input.text("owner", "   ", 100, false)).isNull();
        assertThat(errorsOf(input)).isEmpty();
    }

    @Test
    void textRefusesNulAndOtherControlCharactersButNotLineBreaksAndTabs() {
        Input input = new Input();
        assertThat(input.text("content", "line one\r\n\tline two", 100, true)).isEqualTo("line one\r\n\tline two");
        input.text("subject", "a\0b", 100, true);
        input.text("reason", "bell\u0007", 100, true);
        assertThat(errorsOf(input))
                .containsExactly(
                        new FieldError("subject", "contains control characters"),
                        new FieldError("reason", "contains control characters"));
    }

    @Test
    void instantsTakeAnyOffset() {
        Input input = new Input();
        assertThat(input.instant("due", "2026-12-01T14:00:00Z", true)).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(input.instant("due", "2026-12-01T15:00:00+01:00", true))
                .isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(input.instant("due", "2026-12-01T09:00:00.5-05:00", true))
                .isEqualTo(Instant.parse("2026-12-01T14:00:00.5Z"));
        assertThat(errorsOf(input)).isEmpty();
    }

    @Test
    void instantsWithoutOffsetAreRefused() {
        Input input = new Input();
        assertThat(input.instant("due", "2026-12-01T14:00:00", true)).isNull();
        input.instant("at", null, true);
        assertThat(errorsOf(input)).extracting(FieldError::field).containsExactly("due", "at");
    }

    @Test
    void choicesTakeAnyCaseAndDashesOrSpaces() {
        Input input = new Input();
        assertThat(input.choice("colour", "light-blue", Colour.class)).isEqualTo(Colour.LIGHT_BLUE);
        assertThat(input.choice("colour", "Light Blue", Colour.class)).isEqualTo(Colour.LIGHT_BLUE);
        assertThat(input.choice("colour", "LIGHT_BLUE", Colour.class)).isEqualTo(Colour.LIGHT_BLUE);
        assertThat(input.choice("colour", null, Colour.class, Colour.RED)).isEqualTo(Colour.RED);
        assertThat(input.choice("colour", "", Colour.class, null)).isNull();
        assertThat(errorsOf(input)).isEmpty();
    }

    @Test
    void anUnknownOrMissingChoiceNamesTheChoices() {
        Input input = new Input();
        input.choice("colour", "green", Colour.class);
        input.choice("other", null, Colour.class);
        assertThat(errorsOf(input))
                .containsExactly(
                        new FieldError("colour", "'green' is not one of [light-blue, red]"),
                        new FieldError("other", "is required: one of [light-blue, red]"));
    }

    @Test
    void labelsAreReadByTheirOwnParser() {
        Input input = new Input();
        assertThat(input.label(
                        "tlp",
                        "white",
                        text -> text.equalsIgnoreCase("white") ? Optional.of("CLEAR") : Optional.empty(),
                        "a TLP label",
                        "AMBER"))
                .isEqualTo("CLEAR");
        assertThat(input.label("tlp", null, text -> Optional.of(text), "a TLP label", "AMBER"))
                .isEqualTo("AMBER");
        input.label("tlp", "BLUE", text -> Optional.empty(), "one of CLEAR, GREEN, AMBER, RED");
        assertThat(errorsOf(input))
                .containsExactly(new FieldError("tlp", "'BLUE' is not one of CLEAR, GREEN, AMBER, RED"));
    }

    @Test
    void booleans() {
        Input input = new Input();
        assertThat(input.bool("active", "TRUE")).isTrue();
        assertThat(input.bool("active", "false")).isFalse();
        assertThat(input.bool("active", null)).isNull();
        input.bool("active", "yes");
        assertThat(errorsOf(input)).extracting(FieldError::field).containsExactly("active");
    }

    @Test
    void emailsAreLowerCasedAndDeduplicatedAndABadOneIsNamedByItsIndex() {
        Input input = new Input();
        assertThat(input.emails("cc", List.of("A@Site.example", "a@site.example"), 50))
                .containsExactly("a@site.example");
        input.emails("requestors", List.of("ok@site.example", "Name <x@site.example>", "no-at-sign"), 50);
        input.emails("cc", List.of("a@b.example", "c@d.example"), 1);
        assertThat(errorsOf(input))
                .extracting(FieldError::field)
                .containsExactly("requestors[1]", "requestors[2]", "cc");
    }

    @Test
    void pagingHasOneSetOfBoundsAndItsOffsetNeverOverflows() {
        Input input = new Input();
        assertThat(input.paging(null, null, 50)).isEqualTo(new Input.Paging(1, 50));
        assertThat(input.paging("3", "20", 50).offset()).isEqualTo(40);
        Input.Paging last = input.paging(String.valueOf(Input.MAX_PAGE), String.valueOf(Input.MAX_SIZE), 50);
        assertThat((long) last.offset()).isEqualTo((long) (Input.MAX_PAGE - 1) * Input.MAX_SIZE);
        assertThat(errorsOf(input)).isEmpty();
    }

    @Test
    void pagingOutOfBoundsOrNotANumberIsRefusedNamingTheParameter() {
        for (String[] wrong : List.of(
                new String[] {"0", "50"},
                new String[] {"1000000000", "50"},
                new String[] {"1", "0"},
                new String[] {"1", "1001"},
                new String[] {"x", "50"},
                new String[] {"1", "99999999999999999999"},
                new String[] {"-1", "50"})) {
            Input input = new Input();
            input.paging(wrong[0], wrong[1], 50);
            assertThat(errorsOf(input)).as(String.join(",", wrong)).hasSize(1).allSatisfy(error -> assertThat(
                            error.reason())
                    .contains("from 1 to"));
        }
    }

    @Test
    void ifMatchReadsOurEtagsAndAStarMeansAnyVersion() {
        assertThat(Input.ifMatch("\"12\"")).contains(12L);
        assertThat(Input.ifMatch("W/\"12\"")).contains(12L);
        assertThat(Input.ifMatch("12")).contains(12L);
        assertThat(Input.ifMatch("*")).isEmpty();
        assertThat(Input.ifMatch(null)).isEmpty();
        assertThat(Input.requiredIfMatch("\"3\"", "the campaign")).contains(3L);
    }

    @Test
    void anEtagNotOursIsAStaleVersionAndAMissingRequiredOneIsAskedFor() {
        assertThatThrownBy(() -> Input.ifMatch("\"abc\""))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.STALE_VERSION));
        assertThatThrownBy(() -> Input.requiredIfMatch(null, "ticket #1"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.VERSION_REQUIRED));
    }
}
