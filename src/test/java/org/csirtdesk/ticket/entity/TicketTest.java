package org.csirtdesk.ticket.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csirtdesk.platform.entity.DomainException;
import org.junit.jupiter.api.Test;

class TicketTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void anIllegalTransitionIsRefusedNamingTheAllowedOnes() {
        Ticket investigation = new Ticket(Queue.INVESTIGATIONS, "CVE at SITE", Tlp.AMBER, T0);
        assertThatThrownBy(() -> investigation.changeStatus(Status.ABANDONED, "alice", T1, null))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("not a status of the Investigations queue")
                .satisfies(e ->
                        assertThat(((DomainException) e).kind()).isEqualTo(DomainException.Kind.CONFLICTING_STATE));
        Ticket report = new Ticket(Queue.INCIDENT_REPORTS, "report", Tlp.AMBER, T0);
        report.changeStatus(Status.REJECTED, "alice", T1, "spam");
        assertThatThrownBy(() -> report.changeStatus(Status.RESOLVED, "alice", T1, null))
                .hasMessageContaining("cannot go from 'rejected' to 'resolved'")
                .hasMessageContaining("'open'");
        assertThat(report.status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void anAcceptedTransitionIsRecordedWithBeforeAndAfter() {
        Ticket countermeasure = new Ticket(Queue.COUNTERMEASURES, "suspend SITE", Tlp.AMBER, T0);
        HistoryEntry entry = countermeasure.changeStatus(Status.ACTIVE, "coordinator", T1, "GOCDB confirms");
        assertThat(entry.type()).isEqualTo(HistoryType.STATUS);
        assertThat(entry.oldValue()).isEqualTo("pending activation");
        assertThat(entry.newValue()).isEqualTo("active");
        assertThat(entry.actor()).isEqualTo("coordinator");
        assertThat(entry.content()).isEqualTo("GOCDB confirms");
        assertThat(countermeasure.updatedAt()).isEqualTo(T1);
    }

    @Test
    void takeOnlyWhatNobodyOwnsStealWhatever() {
        Ticket ticket = new Ticket(Queue.INCIDENTS, "subject", Tlp.AMBER, T0);
        HistoryEntry taken = ticket.take("alice", T1).orElseThrow();
        assertThat(taken.type()).isEqualTo(HistoryType.OWNER);
        assertThat(taken.newValue()).isEqualTo("alice");
        assertThat(ticket.take("alice", T1)).as("one's own ticket again").isEmpty();
        assertThatThrownBy(() -> ticket.take("bob", T1))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("owned by alice: steal it instead")
                .satisfies(e ->
                        assertThat(((DomainException) e).kind()).isEqualTo(DomainException.Kind.CONFLICTING_STATE));
        assertThat(ticket.owner()).isEqualTo("alice");
        HistoryEntry stolen = ticket.steal("bob", T1).orElseThrow();
        assertThat(stolen.oldValue()).isEqualTo("alice");
        assertThat(stolen.newValue()).isEqualTo("bob");
        assertThat(stolen.actor()).isEqualTo("bob");
    }

    @Test
    void unchangedFieldsLeaveNoHistory() {
        Ticket ticket = new Ticket(Queue.INCIDENTS, "subject", Tlp.AMBER, T0);
        ticket.describe("alice", List.of("a@site.example"), List.of(), null, "SITE", Map.of());
        assertThat(ticket.changeOwner("alice", "bob", T1)).isEmpty();
        assertThat(ticket.changeSite("SITE", "bob", T1)).isEmpty();
        assertThat(ticket.changeRequestors(List.of("a@site.example"), "bob", T1))
                .isEmpty();
        assertThat(ticket.updatedAt()).isEqualTo(T0);
        HistoryEntry owner = ticket.changeOwner("bob", "bob", T1).orElseThrow();
        assertThat(owner.type()).isEqualTo(HistoryType.OWNER);
        assertThat(owner.oldValue()).isEqualTo("alice");
        HistoryEntry cleared = ticket.changeSite(null, "bob", T1).orElseThrow();
        assertThat(cleared.oldValue()).isEqualTo("SITE");
        assertThat(cleared.newValue()).isNull();
    }

    @Test
    void firstCorrespondenceOpensAReportAndSaysSo() {
        Ticket report = new Ticket(Queue.INCIDENT_REPORTS, "report", Tlp.AMBER, T0);
        List<HistoryEntry> entries = report.addMessage(HistoryType.CORRESPOND, "thanks", "alice", T1);
        assertThat(entries).extracting(HistoryEntry::type).containsExactly(HistoryType.CORRESPOND, HistoryType.STATUS);
        assertThat(report.status()).isEqualTo(Status.OPEN);
        assertThat(report.addMessage(HistoryType.COMMENT, "note", "alice", T1)).hasSize(1);
    }

    @Test
    void longValuesAreCutInTheHistoryButMessagesAreKeptWhole() {
        Ticket ticket = new Ticket(Queue.INCIDENTS, "s", Tlp.AMBER, T0);
        String longText = "x".repeat(5000);
        HistoryEntry subject = ticket.changeSubject(longText, "alice", T1).orElseThrow();
        assertThat(subject.newValue()).hasSize(HistoryEntry.MAX_VALUE_LENGTH);
        assertThat(ticket.addMessage(HistoryType.COMMENT, longText, "alice", T1)
                        .get(0)
                        .content())
                .hasSize(5000);
    }

    /** A stored ticket: the database gives the id. */
    private static Ticket stored(long id, Queue queue, String subject, List<String> requestors, List<String> cc) {
        Ticket ticket = new Ticket(queue, subject, Tlp.AMBER, T0);
        ticket.describe(null, requestors, cc, null, null, Map.of());
        try {
            java.lang.reflect.Field field = Ticket.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(ticket, id);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return ticket;
    }

    @Test
    void aMergeMarksTheMergedTicketWritesBothHistoriesAndUnitesTheContacts() {
        Ticket merged =
                stored(7, Queue.INCIDENT_REPORTS, "ssh logins", List.of("a@site.example"), List.of("noc@ngi.example"));
        Ticket survivor = stored(5, Queue.INCIDENT_REPORTS, "odd logins", List.of("b@site.example"), List.of());

        List<HistoryEntry> entries = merged.mergeInto(survivor, "alice", T1);

        assertThat(merged.mergedInto()).contains(5L);
        assertThat(survivor.mergedInto()).isEmpty();
        assertThat(entries)
                .extracting(e -> e.type() + " " + e.field() + " " + e.newValue())
                .containsExactly(
                        "MERGE into #5",
                        "MERGE merged #7",
                        "FIELD requestors b@site.example, a@site.example",
                        "FIELD cc noc@ngi.example");
        assertThat(survivor.requestors()).containsExactly("b@site.example", "a@site.example");
        assertThat(survivor.updatedAt()).isEqualTo(T1);
        assertThatThrownBy(merged::checkNotMerged)
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("was merged into #5: change #5 instead");
    }

    @Test
    void aMergeIsRefusedIntoItselfTwiceIntoAMergedTicketAndAcrossQueues() {
        Ticket a = stored(1, Queue.INVESTIGATIONS, "a", List.of(), List.of());
        Ticket b = stored(2, Queue.INVESTIGATIONS, "b", List.of(), List.of());
        Ticket c = stored(3, Queue.INVESTIGATIONS, "c", List.of(), List.of());
        Ticket report = stored(4, Queue.INCIDENT_REPORTS, "r", List.of(), List.of());

        assertThatThrownBy(() -> a.mergeInto(a, "alice", T1))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID_INPUT))
                .hasMessageContaining("into itself");
        assertThatThrownBy(() -> a.mergeInto(report, "alice", T1))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("is in Investigations and #4 in Incident Reports");
        a.mergeInto(b, "alice", T1);
        assertThatThrownBy(() -> a.mergeInto(c, "alice", T1))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("#1 was merged into #2 already");
        assertThatThrownBy(() -> c.mergeInto(a, "alice", T1))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("merge into #2 instead");
        assertThat(c.mergedInto()).isEmpty();
    }

    @Test
    void timeWorkedIsAWholeDayAtMost() {
        Ticket ticket = new Ticket(Queue.INCIDENTS, "s", Tlp.AMBER, T0);
        assertThat(ticket.addMessage(HistoryType.COMMENT, "phoned", 15, "alice", T1)
                        .get(0)
                        .timeWorked())
                .isEqualTo(15);
        assertThat(ticket.addMessage(HistoryType.COMMENT, "day", 1440, "alice", T1)
                        .get(0)
                        .timeWorked())
                .isEqualTo(1440);
        assertThat(ticket.addMessage(HistoryType.COMMENT, "unsaid", null, "alice", T1)
                        .get(0)
                        .timeWorked())
                .isNull();
        for (int minutes : new int[] {-1, 1441}) {
            assertThatThrownBy(() -> ticket.addMessage(HistoryType.COMMENT, "x", minutes, "alice", T1))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                            .isEqualTo(DomainException.Kind.INVALID_INPUT))
                    .hasMessageContaining("from 0 to 1440");
        }
    }
}
