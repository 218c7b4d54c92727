package org.csirtdesk.ticket.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.Test;

class TicketSearchTest {

    /** A feature's filter, as the site feature's NGI filter is: a subquery on its own entity. */
    private static final TicketFilters BY_REGION =
            () -> Map.of("region", "t.site in (select r.site from Region r where r.name = :region)");

    /** A feature that keeps its own "waiting for CSIRT" state of its tickets, as the campaign feature's cases do. */
    private static final TicketFilters WITH_OWN_WAITING_STATE = new TicketFilters() {
        @Override
        public Map<String, String> conditions() {
            return Map.of("batch", "t.id in (select b.ticketId from Batch b where b.id = :batch)");
        }

        @Override
        public Optional<WaitingForCsirt> waitingForCsirt() {
            return Optional.of(new WaitingForCsirt(
                    "exists (select 1 from Batch wb where wb.ticketId = t.id)",
                    "exists (select 1 from Batch wb where wb.ticketId = t.id and wb.answered = true)"));
        }
    };

    private static final TicketSearch SEARCH = TicketSearch.of(List.of(BY_REGION, WITH_OWN_WAITING_STATE));

    private static TicketQuery query(Set<Queue> queues, Set<Status> statuses, String text, List<SortKey> sort) {
        return new TicketQuery(
                queues, statuses, null, null, null, null, null, null, text, null, null, null, null, null, sort, 1, 50);
    }

    @Test
    void noFiltersMeansAllTicketsButMergedOnesNewestFirst() {
        TicketSearch.Jpql jpql = SEARCH.build(query(null, null, null, null));
        assertThat(jpql.select()).isEqualTo("select t from Ticket t where t.mergedInto is null order by t.id desc");
        assertThat(jpql.count()).isEqualTo("select count(t) from Ticket t where t.mergedInto is null");
        assertThat(jpql.parameters()).isEmpty();
    }

    @Test
    void queueStatusAndDueUseTheIndexedColumnsWithParameters() {
        TicketQuery query = new TicketQuery(
                Set.of(Queue.INVESTIGATIONS),
                Set.of(Status.OPEN),
                null,
                null,
                null,
                Instant.parse("2026-12-01T00:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new SortKey(SortKey.Field.DUE, false)),
                1,
                50);
        TicketSearch.Jpql jpql = SEARCH.build(query);
        assertThat(jpql.select())
                .isEqualTo("select t from Ticket t where t.mergedInto is null and t.queue in :queues"
                        + " and t.status in :statuses"
                        + " and t.due < :dueBefore order by t.due asc nulls last, t.id asc");
        assertThat(jpql.parameters()).containsOnlyKeys("queues", "statuses", "dueBefore");
    }

    @Test
    void everyFilterCombinesWithAnd() {
        TicketQuery query = new TicketQuery(
                Set.of(Queue.INCIDENT_REPORTS),
                Set.of(Status.NEW),
                "alice",
                "admin@site.example",
                "SITE-A",
                Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"),
                Set.of(Tlp.RED),
                "kernel",
                42L,
                null,
                null,
                null,
                null,
                List.of(new SortKey(SortKey.Field.UPDATED, true)),
                3,
                20);
        TicketSearch.Jpql jpql = SEARCH.build(query);
        assertThat(jpql.select())
                .contains(
                        "t.owner = :owner",
                        ":requestor member of t.requestors",
                        "t.site = :site",
                        "t.due >= :dueAfter",
                        "t.tlp in :tlps",
                        "t.subject like :text escape '!'",
                        "l.key.incidentId = :incident",
                        "order by t.updatedAt desc, t.id asc");
        assertThat(jpql.select().split(" and "))
                .as("not merged and ten filters, one of them a subquery with its own and")
                .hasSize(12);
        assertThat(jpql.parameters()).hasSize(10);
        assertThat(jpql.count())
                .startsWith("select count(t) from Ticket t where ")
                .doesNotContain("order by");
    }

    @Test
    void callerTextNeverEntersTheQueryAndWildcardsMatchThemselves() {
        TicketSearch.Jpql jpql = SEARCH.build(query(null, null, " 100%_sure' or 1=1 -- ", null));
        assertThat(jpql.select()).doesNotContain("100").doesNotContain("1=1");
        assertThat(jpql.parameters().get("text")).isEqualTo("%100!%!_sure' or 1=1 --%");
    }

    @Test
    void pagesCountFromOne() {
        // The upper bounds are the request's (platform.boundary.Input), the same for every listing.
        assertThatThrownBy(() -> new TicketQuery(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0,
                        50))
                .hasMessageContaining("page");
        assertThatThrownBy(() -> new TicketQuery(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 1, 0))
                .hasMessageContaining("size");
    }

    @Test
    void otherFeaturesFiltersAndWaitingForCsirtAreTheirConditionsWithParameters() {
        TicketQuery query = new TicketQuery(
                Set.of(Queue.INVESTIGATIONS),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("region", "NGI_SI", "batch", 7L),
                true,
                null,
                null,
                List.of(new SortKey(SortKey.Field.DUE, false)),
                1,
                50);
        TicketSearch.Jpql jpql = SEARCH.build(query);
        assertThat(jpql.select())
                .contains(
                        "t.site in (select r.site from Region r where r.name = :region)",
                        "t.id in (select b.ticketId from Batch b where b.id = :batch)",
                        SEARCH.waitingForCsirt());
        assertThat(jpql.parameters()).containsOnlyKeys("queues", "region", "batch");
        assertThat(jpql.count()).contains(SEARCH.waitingForCsirt());
    }

    @Test
    void aFilterNoFeatureAnswersIsAMistakeNotAnEmptyResult() {
        TicketQuery query = new TicketQuery(
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
                Map.of("colour", "red"),
                null,
                null,
                null,
                null,
                1,
                50);
        assertThatThrownBy(() -> SEARCH.build(query)).hasMessageContaining("colour");
        assertThatThrownBy(() -> TicketSearch.of(List.of(BY_REGION, BY_REGION))).hasMessageContaining("region");
    }

    @Test
    void notWaitingForCsirtIsTheNegation() {
        TicketQuery query = new TicketQuery(
                null, null, null, null, null, null, null, null, null, null, null, false, null, null, null, 1, 50);
        assertThat(SEARCH.build(query).select()).contains("and not " + SEARCH.waitingForCsirt());
    }

    @Test
    void waitingForCsirtTakesAFeaturesOwnStateForItsTicketsAndTheLastCorrespondenceOtherwise() {
        assertThat(SEARCH.waitingForCsirt())
                .isEqualTo("(exists (select 1 from Batch wb where wb.ticketId = t.id and wb.answered = true)"
                        + " or (not exists (select 1 from Batch wb where wb.ticketId = t.id) and "
                        + TicketSearch.LAST_CORRESPONDENCE_FROM_OUTSIDE + "))");
        assertThat(TicketSearch.LAST_CORRESPONDENCE_FROM_OUTSIDE)
                .contains("wh.actor like 'mail:%'")
                .contains("wl.id > wh.id");
        assertThat(TicketSearch.of(List.of(BY_REGION)).waitingForCsirt())
                .isEqualTo("((" + TicketSearch.LAST_CORRESPONDENCE_FROM_OUTSIDE + "))");
    }

    @Test
    void activeNamesTheLifecyclesActiveStatusesSoTheQueueStatusIndexServesIt() {
        TicketQuery query = new TicketQuery(
                Set.of(Queue.COUNTERMEASURES),
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
                true,
                null,
                null,
                1,
                50);
        TicketSearch.Jpql jpql = SEARCH.build(query);
        assertThat(jpql.select()).contains("t.status in :activeStatuses");
        assertThat(jpql.parameters().get("activeStatuses"))
                .asList()
                .containsExactlyInAnyOrder(
                        Status.NEW, Status.OPEN, Status.PENDING_ACTIVATION, Status.ACTIVE, Status.PENDING_REMOVAL);
        TicketQuery closed = new TicketQuery(
                null, null, null, null, null, null, null, null, null, null, null, null, false, null, null, 1, 50);
        assertThat(SEARCH.build(closed).parameters().get("activeStatuses"))
                .asList()
                .containsExactlyInAnyOrder(Status.RESOLVED, Status.REJECTED, Status.ABANDONED, Status.REMOVED);
    }
}
