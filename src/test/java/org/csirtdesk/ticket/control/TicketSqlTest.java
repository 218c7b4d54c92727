package org.csirtdesk.ticket.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.ticket.control.TicketSql.And;
import org.csirtdesk.ticket.control.TicketSql.Node;
import org.csirtdesk.ticket.control.TicketSql.Not;
import org.csirtdesk.ticket.control.TicketSql.Op;
import org.csirtdesk.ticket.control.TicketSql.Or;
import org.csirtdesk.ticket.control.TicketSql.Term;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.junit.jupiter.api.Test;

class TicketSqlTest {

    private static final Map<String, String> FILTERS = Map.of(
            "ngi", "t.site in (select s.name from Site s where s.ngi = :ngi)",
            "campaign", "t.id in (select c.incidentTicketId from Campaign c where c.id = :campaign)");

    private record Compiled(String condition, Map<String, Object> parameters) {}

    private static Compiled compile(String query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        return new Compiled(
                TicketSqlJpql.condition(TicketSql.parse(query), FILTERS, parameters)
                        .jpql(),
                parameters);
    }

    private static String reason(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("query");
            return e.errors().get(0).reason();
        }
        throw new AssertionError("no error");
    }

    @Test
    void everyOperatorReadsAsATerm() {
        assertThat(TicketSql.parse("owner = alice")).isEqualTo(new Term("owner", Op.EQ, "alice", 1));
        assertThat(TicketSql.parse("owner != alice")).isEqualTo(new Term("owner", Op.NE, "alice", 1));
        assertThat(TicketSql.parse("subject ~ ssh")).isEqualTo(new Term("subject", Op.CONTAINS, "ssh", 1));
        assertThat(TicketSql.parse("due<2026-12-01")).isEqualTo(new Term("due", Op.LT, "2026-12-01", 1));
        assertThat(TicketSql.parse("created > 2026-12-01T10:00:00Z"))
                .isEqualTo(new Term("created", Op.GT, "2026-12-01T10:00:00Z", 1));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        Term a = new Term("owner", Op.EQ, "a", 1);
        assertThat(TicketSql.parse("owner = a OR owner = b AND site = c"))
                .isEqualTo(new Or(List.of(
                        a, new And(List.of(new Term("owner", Op.EQ, "b", 14), new Term("site", Op.EQ, "c", 28))))));
        assertThat(TicketSql.parse("(owner = a or owner = b) and site = c"))
                .isEqualTo(new And(List.of(
                        new Or(List.of(new Term("owner", Op.EQ, "a", 2), new Term("owner", Op.EQ, "b", 15))),
                        new Term("site", Op.EQ, "c", 30))));
        assertThat(TicketSql.parse("NOT owner = a")).isEqualTo(new Not(new Term("owner", Op.EQ, "a", 5)));
    }

    @Test
    void bareWordsAreFullTextAndSideBySideMeansAnd() {
        Node node = TicketSql.parse("ssh \"stolen keys\"");
        assertThat(node)
                .isEqualTo(new And(
                        List.of(new Term(null, Op.CONTAINS, "ssh", 1), new Term(null, Op.CONTAINS, "stolen keys", 5))));
    }

    @Test
    void quotedValuesAndCustomFieldNames() {
        assertThat(TicketSql.parse("requestor = \"x@site.example\""))
                .isEqualTo(new Term("requestor", Op.EQ, "x@site.example", 1));
        assertThat(TicketSql.parse("subject ~ 'it\\'s down'"))
                .isEqualTo(new Term("subject", Op.CONTAINS, "it's down", 1));
        assertThat(TicketSql.parse("cf.{Discovered At} > 2026-12-01"))
                .isEqualTo(new Term("cf.Discovered At", Op.GT, "2026-12-01", 1));
        assertThat(TicketSql.parse("CF.\"How Reported\" = Email"))
                .isEqualTo(new Term("cf.How Reported", Op.EQ, "Email", 1));
        assertThat(TicketSql.parse("cf.IP = 192.0.2.1")).isEqualTo(new Term("cf.IP", Op.EQ, "192.0.2.1", 1));
    }

    @Test
    void theBriefsExampleCompilesToParametersOnly() {
        Compiled compiled = compile("queue = investigations AND (owner = alice OR requestor = \"X@site.example\")"
                + " AND text ~ \"ssh keys\" AND ngi = NGI_DE");
        assertThat(compiled.condition())
                .isEqualTo("(t.queue = :s1 and ((t.owner is not null and t.owner = :s2) or :s3 member of t.requestors)"
                        + " and (fulltext_match(t.subject, :s4) > 0 or t.id in (select h.ticket.id from HistoryEntry h"
                        + " where fulltext_match(h.content, :s4) > 0)) and (t.site in (select s.name from Site s where"
                        + " s.ngi = :s5)))");
        assertThat(compiled.parameters())
                .containsExactly(
                        Map.entry("s1", Queue.INVESTIGATIONS),
                        Map.entry("s2", "alice"),
                        Map.entry("s3", "x@site.example"),
                        Map.entry("s4", "+ssh +keys"),
                        Map.entry("s5", "NGI_DE"));
    }

    @Test
    void aBareNumberIsTheTicketOrTheOneItWasMergedInto() {
        Compiled compiled = compile("1234");
        assertThat(compiled.condition())
                .isEqualTo("(t.id = :s1 or exists (select 1 from Ticket m where m.id = :s1 and m.mergedInto = t.id))");
        assertThat(compiled.parameters()).containsEntry("s1", 1234L);
        assertThat(compile("#77").parameters()).containsEntry("s1", 77L);
    }

    @Test
    void notEqualAndNotFindTicketsWithoutTheValue() {
        assertThat(compile("owner != alice").condition()).isEqualTo("not (t.owner is not null and t.owner = :s1)");
        assertThat(compile("owner = nobody").condition()).isEqualTo("t.owner is null");
        assertThat(compile("NOT status = open").parameters()).containsEntry("s1", Status.OPEN);
    }

    @Test
    void aFeatureFilterMayAppearTwice() {
        Compiled compiled = compile("campaign = 3 or campaign = 4");
        assertThat(compiled.condition())
                .contains("c.id = :s1")
                .contains("c.id = :s2")
                .doesNotContain(":campaign");
        assertThat(compiled.parameters()).containsEntry("s1", 3L).containsEntry("s2", 4L);
    }

    @Test
    void datesAreDaysInUtcAndInstantsAreExact() {
        Compiled day = compile("due = 2026-12-01");
        assertThat(day.condition()).isEqualTo("(t.due is not null and t.due >= :s1 and t.due < :s2)");
        assertThat(day.parameters())
                .containsEntry("s1", Instant.parse("2026-12-01T00:00:00Z"))
                .containsEntry("s2", Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(compile("updated > 2026-12-01T10:00:00+01:00").parameters())
                .containsEntry("s1", Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void customFieldsContactsAndLike() {
        Compiled cf = compile("cf.IP ~ 192.0.2");
        assertThat(cf.condition()).contains("key(f) = :s2 and value(f) like :s1 escape '!'");
        assertThat(cf.parameters()).containsEntry("s1", "%192.0.2%").containsEntry("s2", "IP");
        assertThat(compile("cc ~ 100%_").parameters()).containsEntry("s1", "%100!%!_%");
    }

    @Test
    void fullTextKeepsOnlyItsOwnOperators() {
        assertThat(TicketSqlJpql.booleanMode("ssh keys")).isEqualTo("+ssh +keys");
        assertThat(TicketSqlJpql.booleanMode("CVE-2026-1234")).isEqualTo("+\"CVE 2026 1234\"");
        assertThat(TicketSqlJpql.booleanMode("kern*")).isEqualTo("+kern*");
        assertThat(TicketSqlJpql.booleanMode("-root +(x) @2 \"a\" ~ssh<>")).isEqualTo("+root +ssh");
        assertThat(reason(() -> compile("text ~ \"an it\""))).contains("word of 3 letters or digits");
    }

    @Test
    void injectionAttemptsArePlainValues() {
        Compiled compiled = compile("owner = \"x' or 1=1 --\" or subject ~ \"%') union select password from users #\"");
        assertThat(compiled.condition())
                .isEqualTo("((t.owner is not null and t.owner = :s1) or (t.subject is not null and t.subject like :s2"
                        + " escape '!'))");
        assertThat(compiled.parameters())
                .containsEntry("s1", "x' or 1=1 --")
                .containsEntry("s2", "%!%') union select password from users #%");
    }

    @Test
    void errorsSayWhereAndWhatWasExpected() {
        assertThat(reason(() -> TicketSql.parse("owner = ")))
                .isEqualTo("at position 9: expected a value after '=', found the end of the query");
        assertThat(reason(() -> TicketSql.parse("(owner = a")))
                .isEqualTo("at position 11: expected ')' to close the '(' at position 1, found the end of the query");
        assertThat(reason(() -> TicketSql.parse("owner = a )"))).startsWith("at position 11: expected AND, OR");
        assertThat(reason(() -> TicketSql.parse("owner == a")))
                .isEqualTo("at position 7: expected one of = != ~ < >, found '=='");
        assertThat(reason(() -> TicketSql.parse("subject ~ \"open")))
                .startsWith("at position 16: expected the closing");
        assertThat(reason(() -> TicketSql.parse("or owner = a"))).startsWith("at position 1: expected a field");
        assertThat(reason(() -> compile("colour = red"))).startsWith("at position 1: expected a field (id, queue,");
        assertThat(reason(() -> compile("queue ~ inv")))
                .isEqualTo("at position 1: expected one of = != after 'queue', found '~'");
        assertThat(reason(() -> compile("status = sleeping"))).contains("one of [new, open,");
        assertThat(reason(() -> compile("due < tomorrow"))).contains("a date (2026-12-01)");
        assertThat(reason(() -> compile("id = abc"))).contains("a number for 'id'");
        assertThat(reason(() -> TicketSql.parse(" "))).isEqualTo("is empty");
    }

    @Test
    void lengthDepthAndTermsAreLimited() {
        assertThat(reason(() -> TicketSql.parse("x".repeat(TicketSql.MAX_LENGTH + 1))))
                .contains("longer than");
        assertThat(reason(() -> TicketSql.parse("(".repeat(30) + "a" + ")".repeat(30))))
                .contains("nested deeper");
        assertThat(reason(() -> TicketSql.parse("not ".repeat(30) + "a"))).contains("nested deeper");
        assertThat(reason(() -> TicketSql.parse("abc ".repeat(TicketSql.MAX_TERMS + 1))))
                .contains("more than");
    }

    @Test
    void theSearchAndsTheQueryWithTheOtherFilters() {
        TicketQuery query = new TicketQuery(
                java.util.Set.of(Queue.INCIDENTS),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                TicketSql.parse("site = A"),
                null,
                1,
                50);
        TicketSearch.Jpql jpql = TicketSearch.of(List.of()).build(query);
        assertThat(jpql.select())
                .isEqualTo("select t from Ticket t where t.mergedInto is null and t.queue in :queues"
                        + " and (t.site is not null and t.site = :s2) order by t.id desc");
    }
}
