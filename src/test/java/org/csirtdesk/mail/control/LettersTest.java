package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.mail.entity.Letter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The letters' override folder works without a rebuild: files put there or edited there are used. */
class LettersTest {

    @TempDir
    Path folder;

    private Letters letters(Optional<String> templatesDir) {
        Letters letters = new Letters();
        letters.templatesDir = templatesDir;
        letters.configure();
        return letters;
    }

    @Test
    @DisplayName("without an override, the WAR's letter; with one in the folder, the folder's")
    void overrideFromTheFolder() throws IOException {
        Map<String, Object> model = Map.of(
                "vulnerability",
                "CVE-2026-1",
                "source",
                "pakiti",
                "sites",
                List.of(),
                "ticket",
                1L,
                "tagPrefix",
                "CSIRT");
        assertThat(letters(Optional.empty())
                        .render("vulnerability-report", model)
                        .subject())
                .isEqualTo("CVE-2026-1: sites found vulnerable by monitoring");

        write("vulnerability-report.ftl", "Subject: Local wording for ${vulnerability}\n\nOur own text.\n");
        Letter overridden = letters(Optional.of(folder.toString())).render("vulnerability-report", model);
        assertThat(overridden.subject()).isEqualTo("Local wording for CVE-2026-1");
        assertThat(overridden.body()).isEqualTo("Our own text.\n");
    }

    @Test
    @DisplayName("an override edited, or added for another letter, while the application runs is used a second later")
    void editsApplyWhileRunning() throws Exception {
        write("sec03-thanks.ftl", "Subject: first ${n}\n\none\n");
        Letters letters = letters(Optional.of(folder.toString()));
        assertThat(letters.render("sec03-thanks", Map.of("n", 1)).subject()).isEqualTo("first 1");

        write("sec03-thanks.ftl", "Subject: second ${n}\n\ntwo\n");
        write("sec03-extension.ftl", "Subject: added ${n}\n\nthree\n");
        Thread.sleep(Letters.TEMPLATE_CHECK.toMillis() + 200);
        assertThat(letters.render("sec03-thanks", Map.of("n", 2)).subject()).isEqualTo("second 2");
        assertThat(letters.render("sec03-extension", Map.of("n", 3)).body()).isEqualTo("three\n");
    }

    @Test
    @DisplayName("SEC03-4.1.2: the OMB summary quotes every response of a site in order, multi-line texts indented; a "
            + "site without any says so")
    void ombSummaryQuotesEveryResponse() {
        Map<String, Object> responded = Map.of(
                "site",
                "SITE-A",
                "responses",
                List.of(
                        Map.of(
                                "at",
                                "Monday 11 January 2027, 10:30 CET",
                                "by",
                                "csirt-user",
                                "statement",
                                "A vendor kernel:\nthe fix needs a reboot.",
                                "plan",
                                "Reboot by Thursday."),
                        Map.of(
                                "at",
                                "Tuesday 12 January 2027, 17:05 CET",
                                "by",
                                "",
                                "statement",
                                "by mail from ngi@example.org:\nConfirmed.",
                                "plan",
                                "")),
                "recommends",
                false,
                "recommendation",
                "",
                "veto",
                "",
                "deadline",
                "Friday",
                "path",
                "advisory path",
                "extended",
                false);
        Map<String, Object> silent = Map.of(
                "site",
                "SITE-B",
                "responses",
                List.of(),
                "recommends",
                true,
                "recommendation",
                "no response",
                "veto",
                "",
                "deadline",
                "Friday",
                "path",
                "advisory path",
                "suspension",
                "Friday",
                "extended",
                false);
        Map<String, Object> model = Map.of(
                "campaign",
                Map.of("vulnerabilities", "CVE-2027-1", "title", "A title", "advisoryAt", "Monday"),
                "count",
                2,
                "deadline",
                "Friday",
                "tlp",
                "AMBER",
                "sites",
                List.of(responded, silent));

        String body =
                letters(Optional.empty()).render("sec03-omb-summary", model).body();

        assertThat(body).contains("""
                        * SITE-A
                          Deadline: Friday (advisory path)
                          Responses, oldest first:
                          1. Monday 11 January 2027, 10:30 CET, recorded by csirt-user:
                             Statement: A vendor kernel:
                             the fix needs a reboot.
                             Plan or alternative mitigation: Reboot by Thursday.
                          2. Tuesday 12 January 2027, 17:05 CET:
                             Statement: by mail from ngi@example.org:
                             Confirmed.
                          CSIRT recommends suspension: no
                        """).contains("""
                        * SITE-B
                          Deadline: Friday (advisory path)
                          Response: no response
                          Plan or alternative mitigation: none stated
                          CSIRT recommends suspension: yes - no response
                        """);
    }

    private void write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        boolean existed = Files.exists(file);
        Files.writeString(file, text);
        if (existed) {
            // File systems with a coarse clock could give the edit its old time: make it plainly newer.
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        }
    }
}
