package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.mail.entity.Letter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SEC03 letters say what happened (issue 19): a first finding after the tickets is not called a re-introduction, a
 * late final warning names the earliest time a suspension can happen, the OMB is told of a planned suspension only for
 * the sites CSIRT recommends suspending, and the escalation lists every site with its own deadline and path.
 */
class Sec03LettersTest {

    private final Letters letters = letters();

    private static Letters letters() {
        Letters letters = new Letters();
        letters.templatesDir = Optional.empty();
        letters.configure();
        return letters;
    }

    private static Map<String, Object> campaign() {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "campaign",
                Map.of(
                        "vulnerabilities", "CVE-2027-1",
                        "title", "Remote root",
                        "advisory", "The advisory.",
                        "link", "",
                        "action", "Update.",
                        "advisoryAt", "Wednesday",
                        "deadline", "next Wednesday"));
        model.put("tlp", "AMBER");
        model.put("csirt", "csirt@example.org");
        return model;
    }

    private static Map<String, Object> site(String name, boolean again, boolean recommends, String veto) {
        Map<String, Object> site = new HashMap<>();
        site.put("site", name);
        site.put("ticket", "[CSIRT #1]");
        site.put("deadline", "Wednesday 10:00");
        site.put("suspension", "Wednesday 10:00");
        site.put("late", false);
        site.put("again", again);
        site.put("path", again ? "48-hour path, vulnerable again (re-introduction)" : "advisory path");
        site.put("hosts", "ce.example.org");
        site.put("seen", "Saturday");
        site.put("vulnerable", true);
        site.put("reminders", 1);
        site.put("statement", "");
        site.put("plan", "");
        site.put("responded", false);
        site.put("recommends", recommends);
        site.put("recommendation", recommends ? "no response" : "");
        site.put("veto", veto);
        site.put("extended", false);
        site.put("round", again ? 2 : 1);
        site.put("responses", List.of());
        return site;
    }

    private Letter render(String template, Map<String, Object> model) {
        return letters.render(template, model);
    }

    @Test
    @DisplayName("SEC03-3.1: a site found vulnerable for the first time after the tickets is not told it is vulnerable "
            + "again; a re-introduction is")
    void firstFindingIsNotAReintroduction() {
        Map<String, Object> first = campaign();
        first.put("case", site("SITE-A", false, false, ""));
        Letter firstLetter = render("sec03-reintroduction", first);
        assertThat(firstLetter.subject()).doesNotContain("again");
        assertThat(firstLetter.body())
                .contains("This is the first time your site is found vulnerable", "at least 48 hours")
                .doesNotContain("again", "re-appeared");

        Map<String, Object> again = campaign();
        again.put("case", site("SITE-A", true, false, ""));
        Letter againLetter = render("sec03-reintroduction", again);
        assertThat(againLetter.subject()).contains("SITE-A again");
        assertThat(againLetter.body()).contains("vulnerable again", "the problem has re-appeared");
    }

    @Test
    @DisplayName("SEC03-3.2: noc-managers read 'found vulnerable again' only of a re-introduction, and 'plans to "
            + "suspend' only when CSIRT recommends it")
    void nocManagersAreToldWhatHappened() {
        Map<String, Object> first = campaign();
        first.put("case", site("SITE-A", false, false, ""));
        first.put("warned", true);
        Letter firstNote = render("sec03-reintroduction-noc", first);
        assertThat(firstNote.subject()).contains("a finding after the tickets");
        assertThat(firstNote.body())
                .contains("for the first time", "Response: no response", "does not recommend suspending the site")
                .doesNotContain("again", "plans to suspend");

        Map<String, Object> again = campaign();
        again.put("case", site("SITE-A", true, true, ""));
        again.put("warned", false);
        Letter againNote = render("sec03-reintroduction-noc", again);
        assertThat(againNote.subject()).contains("a re-introduction");
        assertThat(againNote.body())
                .contains(
                        "found vulnerable again",
                        "receives its final warning 24 hours before its deadline",
                        "plans to suspend the site on the deadline, Wednesday 10:00");
    }

    @Test
    @DisplayName("SEC03-4.1, SEC03-4.1.1: a final warning sent late names the earliest time a suspension can now "
            + "happen, not a deadline already past")
    void lateFinalWarning() {
        Map<String, Object> onTime = campaign();
        onTime.put("case", site("SITE-A", false, true, ""));
        assertThat(render("sec03-final-warning", onTime).body())
                .contains("by the deadline, Wednesday 10:00, the site will be");

        Map<String, Object> late = campaign();
        Map<String, Object> c = site("SITE-A", false, true, "");
        c.put("late", true);
        c.put("suspension", "Thursday 15:00");
        late.put("case", c);
        Letter letter = render("sec03-final-warning", late);
        assertThat(letter.subject()).contains("suspension after Thursday 15:00");
        assertThat(letter.body())
                .contains(
                        "This is the final reminder",
                        "by Thursday 15:00, the earliest time a suspension can now happen")
                .doesNotContain("by the deadline, Wednesday 10:00");
    }

    @Test
    @DisplayName("SEC03-4.1.2: the OMB summary says 'plans to suspend the site(s) on the deadline' only of the sites "
            + "CSIRT recommends suspending and nobody vetoed")
    void plansToSuspendOnlyRecommendedSites() {
        Map<String, Object> model = campaign();
        model.put("count", 3);
        model.put("deadline", "Wednesday 10:00");
        model.put(
                "sites",
                List.of(
                        site("SITE-A", false, true, ""),
                        site("SITE-B", false, false, ""),
                        site("SITE-C", false, true, "OMB: a critical service")));
        String body = render("sec03-omb-summary", model).body();
        assertThat(body)
                .contains("plans to suspend the site(s) on the deadline: SITE-A on Wednesday 10:00.")
                .contains("does not recommend suspending SITE-B at present")
                .contains("will not suspend SITE-C: the suspension was vetoed");

        model.put("sites", List.of(site("SITE-B", false, false, "")));
        assertThat(render("sec03-omb-summary", model).body()).doesNotContain("plans to suspend");
    }

    @Test
    @DisplayName("SEC03-2.6, SEC03-6.2: the noc-managers list names each site with its own deadline and path, "
            + "'extended' only for an extension")
    void escalationListsEverySite() {
        Map<String, Object> model = campaign();
        model.put("count", 2);
        model.put("deadline", "Wednesday 10:00");
        Map<String, Object> late = site("SITE-B", false, false, "");
        late.put("path", "48-hour path, found vulnerable after the tickets");
        late.put("deadline", "Wednesday 12:00");
        Map<String, Object> extended = site("SITE-C", false, false, "");
        extended.put("extended", true);
        extended.put("deadline", "Monday 10:00");
        model.put("sites", List.of(site("SITE-A", false, false, ""), late, extended));
        String body = render("sec03-noc-list", model).body();
        assertThat(body)
                .contains("* SITE-A (no response): deadline Wednesday 10:00, advisory path\n")
                .contains("* SITE-B (no response): deadline Wednesday 12:00, 48-hour path, found vulnerable after the "
                        + "tickets\n")
                .contains("* SITE-C (no response): deadline Monday 10:00, advisory path, extended\n");
    }

    @Test
    @DisplayName("SEC03-6.5: the all-acted notice has no line break before its semicolon")
    void allActedReadsAsOneSentence() {
        Map<String, Object> model = campaign();
        model.put("cases", 4);
        model.put("suspensions", 0);
        model.put("last", "SITE-A");
        assertThat(render("sec03-all-acted", model).body()).contains("have now acted; the last was SITE-A.");
        model.put("suspensions", 1);
        assertThat(render("sec03-all-acted", model).body())
                .contains("have now acted or been reinstated (1 suspension(s) in the campaign); the last was SITE-A.");
    }
}
