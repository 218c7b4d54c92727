package org.csirtdesk.ticket.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csirtdesk.ticket.entity.Status.ABANDONED;
import static org.csirtdesk.ticket.entity.Status.ACTIVE;
import static org.csirtdesk.ticket.entity.Status.NEW;
import static org.csirtdesk.ticket.entity.Status.OPEN;
import static org.csirtdesk.ticket.entity.Status.PENDING_ACTIVATION;
import static org.csirtdesk.ticket.entity.Status.PENDING_REMOVAL;
import static org.csirtdesk.ticket.entity.Status.REJECTED;
import static org.csirtdesk.ticket.entity.Status.REMOVED;
import static org.csirtdesk.ticket.entity.Status.RESOLVED;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {

    /** Every (lifecycle, from, to) that is allowed; all other pairs must be refused. */
    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of(Lifecycle.INCIDENT_REPORTS, NEW, EnumSet.of(OPEN, RESOLVED, REJECTED)),
                Arguments.of(Lifecycle.INCIDENT_REPORTS, OPEN, EnumSet.of(RESOLVED, REJECTED)),
                Arguments.of(Lifecycle.INCIDENT_REPORTS, RESOLVED, EnumSet.of(OPEN)),
                Arguments.of(Lifecycle.INCIDENT_REPORTS, REJECTED, EnumSet.of(OPEN)),
                Arguments.of(Lifecycle.INCIDENTS, OPEN, EnumSet.of(RESOLVED, ABANDONED)),
                Arguments.of(Lifecycle.INCIDENTS, RESOLVED, EnumSet.of(OPEN)),
                Arguments.of(Lifecycle.INCIDENTS, ABANDONED, EnumSet.of(OPEN)),
                Arguments.of(Lifecycle.INVESTIGATIONS, OPEN, EnumSet.of(RESOLVED)),
                Arguments.of(Lifecycle.INVESTIGATIONS, RESOLVED, EnumSet.of(OPEN)),
                Arguments.of(Lifecycle.COUNTERMEASURES, PENDING_ACTIVATION, EnumSet.of(ACTIVE, REMOVED)),
                Arguments.of(Lifecycle.COUNTERMEASURES, ACTIVE, EnumSet.of(PENDING_REMOVAL, REMOVED)),
                Arguments.of(Lifecycle.COUNTERMEASURES, PENDING_REMOVAL, EnumSet.of(REMOVED, ACTIVE)),
                Arguments.of(Lifecycle.COUNTERMEASURES, REMOVED, EnumSet.of(PENDING_ACTIVATION)));
    }

    @ParameterizedTest(name = "{0} from {1} goes only to {2}")
    @MethodSource("allowed")
    void transitionTableIsExactlyRtIrs(Lifecycle lifecycle, Status from, Set<Status> to) {
        for (Status target : Status.values()) {
            assertThat(lifecycle.allows(from, target))
                    .as("%s -> %s", from, target)
                    .isEqualTo(to.contains(target));
        }
    }

    @Test
    void everyStatusOfALifecycleHasARow() {
        assertThat(Lifecycle.INCIDENT_REPORTS.statuses()).containsExactly(NEW, OPEN, RESOLVED, REJECTED);
        assertThat(Lifecycle.INCIDENTS.statuses()).containsExactly(OPEN, RESOLVED, ABANDONED);
        assertThat(Lifecycle.INVESTIGATIONS.statuses()).containsExactly(OPEN, RESOLVED);
        assertThat(Lifecycle.COUNTERMEASURES.statuses())
                .containsExactly(PENDING_ACTIVATION, ACTIVE, PENDING_REMOVAL, REMOVED);
    }

    @Test
    void statusesOutsideALifecycleLeadNowhere() {
        assertThat(Lifecycle.INVESTIGATIONS.allowedFrom(NEW)).isEmpty();
        assertThat(Lifecycle.INVESTIGATIONS.has(REJECTED)).isFalse();
    }

    @Test
    void ticketsStartWhereRtIrStartsThem() {
        assertThat(Lifecycle.INCIDENT_REPORTS.initial()).isEqualTo(NEW);
        assertThat(Lifecycle.INCIDENTS.initial()).isEqualTo(OPEN);
        assertThat(Lifecycle.INVESTIGATIONS.initial()).isEqualTo(OPEN);
        assertThat(Lifecycle.COUNTERMEASURES.initial()).isEqualTo(PENDING_ACTIVATION);
    }

    @Test
    @DisplayName("a child closed by its incident goes to an inactive status its lifecycle allows from every active one")
    void closingByIncidentIsAlwaysAllowed() {
        for (Lifecycle lifecycle : Lifecycle.values()) {
            Status closed = lifecycle.closedByIncident();
            assertThat(Lifecycle.isActive(closed)).isFalse();
            lifecycle.statuses().stream()
                    .filter(Lifecycle::isActive)
                    .filter(status -> lifecycle != Lifecycle.INCIDENTS)
                    .forEach(status -> assertThat(lifecycle.allows(status, closed))
                            .as("%s %s", lifecycle, status)
                            .isTrue());
        }
    }

    @Test
    void firstCorrespondenceOpensANewTicketOnly() {
        assertThat(Lifecycle.INCIDENT_REPORTS.afterCorrespondence(NEW)).isEqualTo(OPEN);
        assertThat(Lifecycle.INCIDENT_REPORTS.afterCorrespondence(RESOLVED)).isEqualTo(RESOLVED);
        assertThat(Lifecycle.INVESTIGATIONS.afterCorrespondence(OPEN)).isEqualTo(OPEN);
    }

    @Test
    void statusesAndQueuesParseAsPeopleWriteThem() {
        assertThat(Status.parse("Pending Activation")).contains(PENDING_ACTIVATION);
        assertThat(Status.parse("pending-removal")).contains(PENDING_REMOVAL);
        assertThat(Status.parse("closed")).isEmpty();
        assertThat(Queue.parse("Incident Reports")).contains(Queue.INCIDENT_REPORTS);
        assertThat(Queue.parse("countermeasures")).contains(Queue.COUNTERMEASURES);
        assertThat(Queue.parse("General")).isEmpty();
    }

    @Test
    @DisplayName("SEC01-tlp: the four TLP labels, WHITE read as CLEAR")
    void tlpLabels() {
        assertThat(Tlp.parse("TLP:WHITE")).contains(Tlp.CLEAR);
        assertThat(Tlp.parse("amber")).contains(Tlp.AMBER);
        assertThat(Tlp.parse("AMBER+STRICT")).isEmpty();
    }

    @Test
    void rtIrLinkRulesPerQueue() {
        assertThat(Queue.INCIDENTS.incidentLinks()).isEqualTo(Queue.IncidentLinks.NONE);
        assertThat(Queue.INCIDENT_REPORTS.incidentLinks()).isEqualTo(Queue.IncidentLinks.ANY_NUMBER);
        assertThat(Queue.INVESTIGATIONS.incidentLinks()).isEqualTo(Queue.IncidentLinks.EXACTLY_ONE);
        assertThat(Queue.COUNTERMEASURES.incidentLinks()).isEqualTo(Queue.IncidentLinks.EXACTLY_ONE);
    }
}
