package org.csirtdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every procedure clause is named by its full ID wherever it is cited, so that a grep for one clause finds all of
 * its code, tests and docs: a list or range that leaves the procedure's prefix off a clause fails this test.
 */
class ClauseIdsInFullTest {

    private static final List<Path> SCANNED =
            List.of(Path.of("src"), Path.of("docs"), Path.of("webapp"), Path.of("bench"), Path.of("README.md"));
    private static final Set<String> TEXT = Set.of(
            "java", "md", "js", "html", "ftl", "properties", "sql", "txt", "sh", "css", "xml", "json", "yaml", "yml");
    private static final Path ITSELF = Path.of("src/test/java/org/csirtdesk/platform/ClauseIdsInFullTest.java");

    /**
     * A clause number such as 4.5, 2.3c or 4.1.2 (not a measurement: 2.8 ms), or one of a single digit (7) where a
     * list or sentence ends.
     */
    private static final String BARE = "(?:\\d\\.\\d(?:\\.\\d)?[a-z]?(?![\\w.])(?!\\s*(?:ms|s|%|[kKMG]B|times)\\b)"
            + "|\\d(?=[),;:]|\\s+(?:and|or)\\b|$))";

    /** A full clause ID, then another clause of the list or range without its prefix. */
    private static final Pattern LIST_WITHOUT_PREFIX = Pattern.compile(
            "SEC\\d\\d-\\d[\\w.]*(?:,\\s*|\\s+(?:and|or|to)\\s+|\\s*[-\u2013/]\\s*)" + BARE, Pattern.MULTILINE);

    /** A parenthesised list or range of clause numbers without any prefix, as in "(2.2, 2.3)". */
    private static final Pattern BARE_LIST = Pattern.compile(
            "\\(\\s*\\d\\.\\d(?:\\.\\d)?[a-z]?(?:,\\s*|\\s+(?:and|or|to)\\s+|\\s*[-\u2013]\\s*)" + BARE,
            Pattern.MULTILINE);

    @Test
    @DisplayName("clause IDs are written in full in code, tests and docs: SEC03-4.5, SEC03-4.6, never SEC03-4.5, 4.6")
    void clauseIdsInFull() throws IOException {
        List<String> abbreviated = new ArrayList<>();
        for (Path root : SCANNED) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(ClauseIdsInFullTest::isText)
                        .filter(file -> !file.equals(ITSELF))
                        .forEach(file -> abbreviated.addAll(abbreviations(file)));
            }
        }
        assertThat(abbreviated)
                .as("clause lists or ranges that leave a clause's prefix off")
                .isEmpty();
    }

    @Test
    @DisplayName("the check finds abbreviated lists and ranges, and lets full IDs and other numbers be")
    void theCheckItself() {
        assertThat(found("(SEC03-4.5, 4.6)")).isNotEmpty();
        assertThat(found("SEC03-4.2 to 4.5")).isNotEmpty();
        assertThat(found("SEC03-4.5-4.6")).isNotEmpty();
        assertThat(found("SEC03-2.1 and 2.2 guard")).isNotEmpty();
        assertThat(found("(SEC03-2.5, 7) and")).isNotEmpty();
        assertThat(found("the advisory (2.2, 2.3, 6.1)")).isNotEmpty();
        assertThat(found("(SEC03-4.5, SEC03-4.6)")).isEmpty();
        assertThat(found("SEC03-4.1.2, 24 hours before")).isEmpty();
        assertThat(found("SEC03-7: resolved")).isEmpty();
        assertThat(found("median 1.36 ms (1.41, 1.27, 1.36 ms)")).isEmpty();
        assertThat(found("STIX 2.1 (section 2.9)")).isEmpty();
        assertThat(found("step (2.3 to 2.8 ms, of which")).isEmpty();
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && TEXT.contains(name.substring(dot + 1));
    }

    private static List<String> abbreviations(Path file) {
        try {
            return found(Files.readString(file, StandardCharsets.UTF_8)).stream()
                    .map(match -> file + ": " + match)
                    .toList();
        } catch (MalformedInputException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> found(String text) {
        List<String> matches = new ArrayList<>();
        for (Pattern pattern : List.of(LIST_WITHOUT_PREFIX, BARE_LIST)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                matches.add(matcher.group());
            }
        }
        return matches;
    }
}
