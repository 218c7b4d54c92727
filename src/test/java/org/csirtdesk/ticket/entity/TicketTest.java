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
}
