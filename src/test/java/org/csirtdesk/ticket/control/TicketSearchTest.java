package org.csirtdesk.ticket.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.csirtdesk.ticket.control.TicketQuery.SortKey;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.Test;

class TicketSearchTest {

    private static TicketQuery query(Set<Queue> queues, Set<Status> statuses, String text, List<SortKey> sort) {
        return new TicketQuery(queues, statuses, null, null, null, null, null, null, text, null, null, null, null, null, sort, 1, 50);
    }

    @Test
    void noFiltersMeansAllTicketsNewestFirst() {
        TicketSearch.Jpql jpql = TicketSearch.build(query(null, null, null, null));
        assertThat(jpql.select()).isEqualTo("select t from Ticket t order by t.id desc");
        assertThat(jpql.count()).isEqualTo("select count(t) from Ticket t");
        assertThat(jpql.parameters()).isEmpty();
    }

    @Test
    void queueStatusAndDueUseTheIndexedColumnsWithParameters() {
        TicketQuery query = new TicketQuery(Set.of(Queue.INVESTIGATIONS), Set.of(Status.OPEN), null, null, null,
                Instant.parse("2026-12-01T00:00:00Z"), null, null, null, null, null, null, null, null,
                List.of(new SortKey(SortKey.Field.DUE, false)), 1, 50);
        TicketSearch.Jpql jpql = TicketSearch.build(query);
        assertThat(jpql.select()).isEqualTo("select t from Ticket t where t.queue in :queues and t.status in :statuses"
                + " and t.due < :dueBefore order by t.due asc nulls last, t.id asc");
        assertThat(jpql.parameters()).containsOnlyKeys("queues", "statuses", "dueBefore");
    }

    @Test
    void everyFilterCombinesWithAnd() {
        TicketQuery query = new TicketQuery(Set.of(Queue.INCIDENT_REPORTS), Set.of(Status.NEW), "alice",
                "admin@site.example", "SITE-A", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"),
                Set.of(Tlp.RED), "kernel", 42L, null, null, null, null, List.of(new SortKey(SortKey.Field.UPDATED, true)), 3, 20);
        TicketSearch.Jpql jpql = TicketSearch.build(query);
        assertThat(jpql.select()).contains("t.owner = :owner", ":requestor member of t.requestors", "t.site = :site",
                "t.due >= :dueAfter", "t.tlp in :tlps", "t.subject like :text escape '!'",
                "l.key.incidentId = :incident", "order by t.updatedAt desc, t.id asc");
        assertThat(jpql.select().split(" and ")).as("ten filters, one of them a subquery with its own and").hasSize(11);
        assertThat(jpql.parameters()).hasSize(10);
        assertThat(jpql.count()).startsWith("select count(t) from Ticket t where ").doesNotContain("order by");
    }

    @Test
    void callerTextNeverEntersTheQueryAndWildcardsMatchThemselves() {
        TicketSearch.Jpql jpql = TicketSearch.build(query(null, null, " 100%_sure' or 1=1 -- ", null));
        assertThat(jpql.select()).doesNotContain("100").doesNotContain("1=1");
        assertThat(jpql.parameters().get("text")).isEqualTo("%100!%!_sure' or 1=1 --%");
    }

    @Test
    void pagesAreBounded() {
        assertThatThrownBy(() -> new TicketQuery(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, 50))
                .hasMessageContaining("page");
        assertThatThrownBy(() -> new TicketQuery(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 1, 501))
                .hasMessageContaining("size");
    }

    @Test
    void ngiCampaignAndWaitingForCsirtAreSubqueriesOnIndexedKeysWithParameters() {
        TicketQuery query = new TicketQuery(Set.of(Queue.INVESTIGATIONS), null, null, null, null, null, null, null, null,
                null, "NGI_SI", 7L, true, null, List.of(new SortKey(SortKey.Field.DUE, false)), 1, 50);
        TicketSearch.Jpql jpql = TicketSearch.build(query);
        assertThat(jpql.select()).contains("t.site in (select s.name from Site s where s.ngi = :ngi)",
                "select c.incidentTicketId from Campaign c where c.id = :campaign",
                "l.key.incidentId in", TicketSearch.WAITING_FOR_CSIRT);
        assertThat(jpql.parameters()).containsOnlyKeys("queues", "ngi", "campaign");
        assertThat(jpql.count()).contains(TicketSearch.WAITING_FOR_CSIRT);
    }

    @Test
    void notWaitingForCsirtIsTheNegation() {
        TicketQuery query = new TicketQuery(null, null, null, null, null, null, null, null, null, null, null, null, false,
                null, null, 1, 50);
        assertThat(TicketSearch.build(query).select()).contains("where not " + TicketSearch.WAITING_FOR_CSIRT);
    }

    @Test
    void waitingForCsirtTakesTheCaseStateForACaseAndTheLastCorrespondenceOtherwise() {
        assertThat(TicketSearch.WAITING_FOR_CSIRT)
                .contains("wc.awaitingCsirt = true")
                .contains("not exists (select 1 from CampaignCase wc where wc.ticketId = t.id)")
                .contains("wh.actor like 'mail:%'")
                .contains("wl.id > wh.id");
    }

    @Test
    void activeNamesTheLifecyclesActiveStatusesSoTheQueueStatusIndexServesIt() {
        TicketQuery query = new TicketQuery(Set.of(Queue.COUNTERMEASURES), null, null, null, null, null, null, null, null,
                null, null, null, null, true, null, 1, 50);
        TicketSearch.Jpql jpql = TicketSearch.build(query);
        assertThat(jpql.select()).contains("t.status in :activeStatuses");
        assertThat(jpql.parameters().get("activeStatuses")).asList().containsExactlyInAnyOrder(Status.NEW, Status.OPEN,
                Status.PENDING_ACTIVATION, Status.ACTIVE, Status.PENDING_REMOVAL);
        TicketQuery closed = new TicketQuery(null, null, null, null, null, null, null, null, null, null, null, null, null,
                false, null, 1, 50);
        assertThat(TicketSearch.build(closed).parameters().get("activeStatuses")).asList()
                .containsExactlyInAnyOrder(Status.RESOLVED, Status.REJECTED, Status.ABANDONED, Status.REMOVED);
    }
}
