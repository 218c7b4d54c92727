package org.csirtdesk.campaign.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.csirtdesk.campaign.entity.Suspension.State;
import org.csirtdesk.platform.entity.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The register of suspended sites (SEC03-4.5) and reinstatement (SEC03-4.6), through its transition table. */
class SuspensionTest {

    private static final Instant DECIDED = Instant.parse("2027-01-11T11:00:00Z");
    private static final Instant SUSPENDED = Instant.parse("2027-01-11T11:20:00Z");
    private static final Instant ROD_ASKS = Instant.parse("2027-01-14T08:30:00Z");
    private static final Instant REINSTATED = Instant.parse("2027-01-14T10:05:00Z");

    private static final Map<State, Set<State>> ALLOWED = Map.of(
            State.REQUESTED, EnumSet.of(State.ACTIVE, State.FAILED),
            State.ACTIVE, EnumSet.of(State.REINSTATEMENT_REQUESTED),
            State.REINSTATEMENT_REQUESTED, EnumSet.of(State.REINSTATING, State.ACTIVE),
            State.REINSTATING, EnumSet.of(State.REINSTATED, State.REINSTATEMENT_REQUESTED),
            State.REINSTATED, EnumSet.noneOf(State.class),
            State.FAILED, EnumSet.noneOf(State.class));

    /**
     * The case a suspension is decided on, as the database has it. Its id comes from the database; the entity has
     * no setter for it, so this one field is set by reflection.
     */
    private static CampaignCase suspendedCase() throws ReflectiveOperationException {
        CampaignCase c = new CampaignCase(
                7,
                "NIKHEF-ELPROD",
                true,
                "wn-001.nikhef.nl",
                Instant.parse("2027-01-04T06:00:00Z"),
                Instant.parse("2027-01-04T09:00:00Z"));
        Field id = CampaignCase.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(c, 31L);
        return c;
    }

    private static Suspension requested() throws ReflectiveOperationException {
        return new Suspension(suspendedCase(), "no response to three notices", "coordinator@egi.eu", DECIDED, 901, 77);
    }

    /** A suspension brought to {@code state} the ordinary way. */
    private static Suspension in(State state) throws ReflectiveOperationException {
        Suspension s = requested();
        switch (state) {
            case REQUESTED -> {}
            case FAILED -> s.failed(SUSPENDED);
            default -> {
                s.active(SUSPENDED);
                if (state != State.ACTIVE) {
                    s.reinstatementRequested("rod@ngi.nl", "security@nikhef.nl", "patched all nodes", ROD_ASKS);
                    if (state != State.REINSTATEMENT_REQUESTED) {
                        s.verified("csirt@egi.eu", "kernel verified on all WNs", 78);
                        if (state == State.REINSTATED) {
                            s.reinstated(REINSTATED);
                        }
                    }
                }
            }
        }
        assertThat(s.state()).isEqualTo(state);
        return s;
    }

    /** Each operation of the register and the state it leads to. */
    private static Map<String, Map.Entry<State, Consumer<Suspension>>> operations() {
        Map<String, Map.Entry<State, Consumer<Suspension>>> operations = new LinkedHashMap<>();
        operations.put("GOCDB reads back Suspended", Map.entry(State.ACTIVE, s -> s.active(SUSPENDED)));
        operations.put("GOCDB did not suspend", Map.entry(State.FAILED, s -> s.failed(SUSPENDED)));
        operations.put(
                "the ROD asks for reinstatement",
                Map.entry(
                        State.REINSTATEMENT_REQUESTED,
                        s -> s.reinstatementRequested("rod@ngi.nl", "security@nikhef.nl", "again", ROD_ASKS)));
        operations.put(
                "CSIRT verifies the site", Map.entry(State.REINSTATING, s -> s.verified("csirt@egi.eu", "ok", 79)));
        operations.put(
                "CSIRT refuses the reinstatement",
                Map.entry(State.ACTIVE, s -> s.refused("csirt@egi.eu", "still vulnerable")));
        operations.put(
                "GOCDB did not take Uncertified",
                Map.entry(State.REINSTATEMENT_REQUESTED, Suspension::reinstatementFailed));
        operations.put("GOCDB reads back Uncertified", Map.entry(State.REINSTATED, s -> s.reinstated(REINSTATED)));
        return operations;
    }

    /** The states each operation belongs to: the table allows its target, and the operation means something there. */
    private static final Map<String, State> FROM = Map.of(
            "GOCDB reads back Suspended", State.REQUESTED,
            "GOCDB did not suspend", State.REQUESTED,
            "the ROD asks for reinstatement", State.ACTIVE,
            "CSIRT verifies the site", State.REINSTATEMENT_REQUESTED,
            "CSIRT refuses the reinstatement", State.REINSTATEMENT_REQUESTED,
            "GOCDB did not take Uncertified", State.REINSTATING,
            "GOCDB reads back Uncertified", State.REINSTATING);

    @ParameterizedTest(name = "from {0}")
    @EnumSource(State.class)
    @DisplayName("SEC03-4.5, SEC03-4.6: the register's transition table, move by move")
    void table(State from) {
        for (State to : State.values()) {
            assertThat(from.canMoveTo(to))
                    .as(from + " → " + to)
                    .isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @Test
    @DisplayName("SEC03-4.5: a site counts as suspended from GOCDB's read-back until it is reinstated")
    void inForce() {
        assertThat(EnumSet.allOf(State.class).stream().filter(State::inForce))
                .containsExactly(State.ACTIVE, State.REINSTATEMENT_REQUESTED, State.REINSTATING);
    }

    @Test
    @DisplayName("SEC03-4.5: a suspension is requested of GOCDB for the case's site, with the decision and its reason")
    void requestedSuspension() throws Exception {
        Suspension s = requested();
        assertThat(s.state()).isEqualTo(State.REQUESTED);
        assertThat(s.caseId()).isEqualTo(31L);
        assertThat(s.campaignId()).isEqualTo(7L);
        assertThat(s.site()).isEqualTo("NIKHEF-ELPROD");
        assertThat(s.reason()).isEqualTo("no response to three notices");
        assertThat(s.decidedBy()).isEqualTo("coordinator@egi.eu");
        assertThat(s.decidedAt()).isEqualTo(DECIDED);
        assertThat(s.countermeasureTicketId()).isEqualTo(901L);
        assertThat(s.statusChangeId()).isEqualTo(77L);
        assertThat(s.suspendedAt()).isNull();
    }

    @Test
    @DisplayName("SEC03-4.5, SEC03-4.6: requested → active → reinstatement requested → reinstating → reinstated")
    void wholeWay() throws Exception {
        Suspension s = requested();
        s.active(SUSPENDED);
        assertThat(s.state()).isEqualTo(State.ACTIVE);
        assertThat(s.suspendedAt()).isEqualTo(SUSPENDED);

        s.reinstatementRequested("rod@ngi.nl", "security@nikhef.nl", "patched all nodes", ROD_ASKS);
        assertThat(s.state()).isEqualTo(State.REINSTATEMENT_REQUESTED);
        assertThat(s.reinstatementRequestedBy()).isEqualTo("rod@ngi.nl");
        assertThat(s.reinstatementContact()).isEqualTo("security@nikhef.nl");
        assertThat(s.reinstatementRequest()).isEqualTo("patched all nodes");
        assertThat(s.reinstatementRequestedAt()).isEqualTo(ROD_ASKS);

        s.verified("csirt@egi.eu", "kernel verified on all WNs", 78);
        assertThat(s.state()).isEqualTo(State.REINSTATING);
        assertThat(s.verifiedBy()).isEqualTo("csirt@egi.eu");
        assertThat(s.verification()).isEqualTo("kernel verified on all WNs");
        assertThat(s.reinstatementChangeId()).isEqualTo(78L);

        s.reinstated(REINSTATED);
        assertThat(s.state()).isEqualTo(State.REINSTATED);
        assertThat(s.reinstatedAt()).isEqualTo(REINSTATED);
        assertThat(s.endedAt()).isEqualTo(REINSTATED);
        assertThat(s.state().inForce()).isFalse();
    }

    @Test
    @DisplayName("SEC03-4.5: GOCDB not taking the suspension ends it as failed, never in force")
    void suspensionFailed() throws Exception {
        Suspension s = requested();
        s.failed(SUSPENDED);
        assertThat(s.state()).isEqualTo(State.FAILED);
        assertThat(s.endedAt()).isEqualTo(SUSPENDED);
        assertThat(s.suspendedAt()).isNull();
        assertThat(s.state().inForce()).isFalse();
    }

    @Test
    @DisplayName("SEC03-4.6: CSIRT refusing the reinstatement keeps the site suspended; the ROD may ask again")
    void reinstatementRefused() throws Exception {
        Suspension s = in(State.REINSTATEMENT_REQUESTED);
        s.refused("csirt@egi.eu", "two WNs still run the old kernel");
        assertThat(s.state()).isEqualTo(State.ACTIVE);
        assertThat(s.verifiedBy()).isEqualTo("csirt@egi.eu");
        assertThat(s.verification()).isEqualTo("two WNs still run the old kernel");
        assertThat(s.suspendedAt()).isEqualTo(SUSPENDED);
        s.reinstatementRequested(
                "rod@ngi.nl", "security@nikhef.nl", "now really patched", ROD_ASKS.plus(Duration.ofDays(1)));
        assertThat(s.state()).isEqualTo(State.REINSTATEMENT_REQUESTED);
        assertThat(s.reinstatementRequest()).isEqualTo("now really patched");
    }

    @Test
    @DisplayName("SEC03-4.6: GOCDB not taking Uncertified puts the ROD's request back for CSIRT to verify again")
    void reinstatementFailed() throws Exception {
        Suspension s = in(State.REINSTATING);
        s.reinstatementFailed();
        assertThat(s.state()).isEqualTo(State.REINSTATEMENT_REQUESTED);
        assertThat(s.reinstatementChangeId()).isNull();
        assertThat(s.reinstatementRequestedBy()).isEqualTo("rod@ngi.nl");
        assertThat(s.state().inForce()).isTrue();
        s.verified("csirt@egi.eu", "retry", 80);
        assertThat(s.state()).isEqualTo(State.REINSTATING);
        assertThat(s.reinstatementChangeId()).isEqualTo(80L);
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(State.class)
    @DisplayName("SEC03-4.5, SEC03-4.6: every operation from every state: allowed only from the state it belongs to, "
            + "otherwise refused as a conflict with the state unchanged")
    void everyOperation(State from) throws Exception {
        for (Map.Entry<String, Map.Entry<State, Consumer<Suspension>>> operation :
                operations().entrySet()) {
            Suspension s = in(from);
            State target = operation.getValue().getKey();
            boolean belongs = FROM.get(operation.getKey()) == from;
            if (belongs) {
                assertThat(from.canMoveTo(target)).isTrue();
                operation.getValue().getValue().accept(s);
                assertThat(s.state()).as(operation.getKey() + " from " + from).isEqualTo(target);
            } else {
                DomainException refusal = catchThrowableOfType(
                        DomainException.class,
                        () -> operation.getValue().getValue().accept(s));
                assertThat(refusal)
                        .as(operation.getKey() + " from " + from + " is refused")
                        .isNotNull();
                assertThat(refusal.kind()).isEqualTo(DomainException.Kind.CONFLICTING_STATE);
                assertThat(refusal)
                        .hasMessageStartingWith("the suspension of NIKHEF-ELPROD is "
                                + from.name().toLowerCase().replace('_', ' '));
                assertThat(s.state())
                        .as(operation.getKey() + " from " + from + " leaves the state")
                        .isEqualTo(from);
            }
        }
    }

    @Test
    @DisplayName(
            "SEC03-4.6: a ROD asking again while CSIRT's reinstatement is with GOCDB is refused: the read-back must still find it reinstating")
    void rodAsksWhileReinstating() throws Exception {
        Suspension s = in(State.REINSTATING);
        DomainException refusal = catchThrowableOfType(
                DomainException.class,
                () -> s.reinstatementRequested("rod@ngi.nl", "security@nikhef.nl", "any news?", REINSTATED));
        assertThat(refusal).isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.CONFLICTING_STATE);
        assertThat(s.state()).isEqualTo(State.REINSTATING);
        assertThat(s.reinstatementChangeId()).isEqualTo(78L);
        assertThat(s.reinstatementRequest()).isEqualTo("patched all nodes");
    }
}
