package org.csirtdesk.campaign.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.csirtdesk.campaign.entity.Campaign.State;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A campaign from draft to closed; SEC03-2.1 and SEC03-2.2 guard its start. */
class CampaignTest {

    private static final Instant CREATED = Instant.parse("2027-01-04T08:00:00Z");
    private static final Instant ADVISORY = Instant.parse("2027-01-04T09:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2027-01-11T09:00:00Z");
    private static final Instant TICKETS = Instant.parse("2027-01-08T09:00:00Z");

    private static CampaignDraft draft(String action, boolean severe) {
        return new CampaignDraft(
                "CVE-2026-31337 in the Linux kernel",
                Set.of("CVE-2026-31337"),
                "Kernel privilege escalation",
                "https://advisories.egi.eu/2026-31337",
                action,
                severe,
                Campaign.Scope.WIDESPREAD,
                Tlp.AMBER,
                null,
                null,
                null);
    }

    private static Campaign campaign(String action, boolean severe) {
        return new Campaign(4000, draft(action, severe), "csirt@egi.eu", CREATED);
    }

    private static DomainException conflict(ThrowingCallable call) {
        DomainException refusal = catchThrowableOfType(DomainException.class, call);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.CONFLICTING_STATE);
        return refusal;
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(State.class)
    @DisplayName("The campaign's transition table: draft → active → closed, or a draft closed unsent")
    void table(State from) {
        Map<State, Set<State>> allowed = Map.of(
                State.DRAFT,
                EnumSet.of(State.ACTIVE, State.CLOSED),
                State.ACTIVE,
                EnumSet.of(State.CLOSED),
                State.CLOSED,
                EnumSet.noneOf(State.class));
        for (State to : State.values()) {
            assertThat(from.canMoveTo(to))
                    .as(from + " → " + to)
                    .isEqualTo(allowed.get(from).contains(to));
        }
    }

    @Test
    @DisplayName("SEC03-2.2: the advisory goes out with its recommended action; the campaign records its times")
    void start() {
        Campaign campaign = campaign("Update the kernel and reboot", false);
        campaign.start(ADVISORY, DEADLINE, TICKETS);
        assertThat(campaign.state()).isEqualTo(State.ACTIVE);
        assertThat(campaign.isActive()).isTrue();
        assertThat(campaign.advisoryAt()).isEqualTo(ADVISORY);
        assertThat(campaign.deadlineAt()).isEqualTo(DEADLINE);
        assertThat(campaign.ticketsAt()).isEqualTo(TICKETS);
    }

    @Test
    @DisplayName("SEC03-2.2: no advisory before the recommended action is set")
    void noAction() {
        for (String action : new String[] {null, "", "   "}) {
            Campaign campaign = campaign(action, false);
            assertThat(conflict(() -> campaign.start(ADVISORY, DEADLINE, TICKETS)))
                    .hasMessageContaining("SEC03-2.2")
                    .hasMessageContaining("recommended action");
            assertThat(campaign.state()).isEqualTo(State.DRAFT);
            assertThat(campaign.advisoryAt()).isNull();
        }
    }

    @Test
    @DisplayName("SEC03-2.2: an action that stops a service needs the OMB's authorisation recorded first")
    void severeInterruption() {
        Campaign campaign = campaign("Stop the CREAM CE", true);
        DomainException refusal = conflict(() -> campaign.start(ADVISORY, DEADLINE, TICKETS));
        assertThat(refusal).hasMessageContaining("OMB").hasMessageContaining("SEC03-2.2");
        assertThat(refusal.errors()).singleElement().satisfies(error -> assertThat(error.field())
                .isEqualTo("ombAuthorisation"));
        campaign.authoriseByOmb("omb-chair@egi.eu", "agreed at the OMB of 4 January", CREATED);
        campaign.start(ADVISORY, DEADLINE, TICKETS);
        assertThat(campaign.state()).isEqualTo(State.ACTIVE);
        assertThat(campaign.ombAuthorisedBy()).isEqualTo("omb-chair@egi.eu");
    }

    @Test
    @DisplayName("SEC03-2.2: changing whether the action stops a service drops an earlier OMB authorisation")
    void reviseDropsAuthorisation() {
        Campaign campaign = campaign("Stop the CREAM CE", true);
        campaign.authoriseByOmb("omb-chair@egi.eu", "agreed", CREATED);
        campaign.revise(draft("Stop the CREAM CE", true));
        assertThat(campaign.ombAuthorisedAt()).isEqualTo(CREATED);
        campaign.revise(draft("Patch", false));
        campaign.revise(draft("Stop the CREAM CE", true));
        assertThat(campaign.ombAuthorisedAt()).isNull();
        conflict(() -> campaign.start(ADVISORY, DEADLINE, TICKETS));
    }

    @Test
    @DisplayName("SEC03-2.1: one heads-up, before the advisory")
    void headsUp() {
        Campaign campaign = campaign("Update the kernel", false);
        campaign.headsUpSent(CREATED);
        assertThat(campaign.headsUpAt()).isEqualTo(CREATED);
        assertThat(conflict(() -> campaign.headsUpSent(ADVISORY))).hasMessageContaining("heads-up");
        Campaign started = campaign("Update the kernel", false);
        started.start(ADVISORY, DEADLINE, TICKETS);
        conflict(() -> started.headsUpSent(ADVISORY.plusSeconds(60)));
        assertThat(started.headsUpAt()).isNull();
    }

    @Test
    @DisplayName("A started campaign is no longer a draft: no second start, no revision, no authorisation")
    void startedIsNoDraft() {
        Campaign campaign = campaign("Update the kernel", false);
        campaign.start(ADVISORY, DEADLINE, TICKETS);
        List<ThrowingCallable> calls = List.of(
                () -> campaign.start(DEADLINE, DEADLINE, DEADLINE),
                () -> campaign.revise(draft("other", false)),
                () -> campaign.authoriseByOmb("omb@egi.eu", "late", DEADLINE));
        for (ThrowingCallable call : calls) {
            assertThat(conflict(call)).hasMessageContaining("its advisory went out at " + ADVISORY);
        }
        assertThat(campaign.advisoryAt()).isEqualTo(ADVISORY);
    }

    @Test
    @DisplayName("A campaign closes once; a draft may be closed without its advisory")
    void close() {
        Campaign campaign = campaign("Update the kernel", false);
        campaign.start(ADVISORY, DEADLINE, TICKETS);
        campaign.close();
        assertThat(campaign.state()).isEqualTo(State.CLOSED);
        conflict(campaign::close);
        Campaign draft = campaign(null, false);
        draft.close();
        assertThat(draft.state()).isEqualTo(State.CLOSED);
        conflict(() -> draft.start(ADVISORY, DEADLINE, TICKETS));
    }
}
