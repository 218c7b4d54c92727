package org.csirtdesk.campaign.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.csirtdesk.campaign.entity.CampaignCase.State;
import org.csirtdesk.campaign.entity.CampaignCase.VetoBy;
import org.csirtdesk.platform.entity.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One site's case through its transition table. Times are those of a campaign whose advisory went out on Monday
 * 4 January 2027 at 10:00 in Amsterdam: tickets Friday 8 January, deadline Monday 11 January 10:00 (09:00 UTC).
 */
class CampaignCaseTest {

    private static final Instant SEEN = Instant.parse("2027-01-04T06:12:44Z");
    private static final Instant ADVISORY = Instant.parse("2027-01-04T09:00:00Z");
    private static final Instant TICKETS = Instant.parse("2027-01-08T09:00:00Z");
    private static final Instant REMINDER = Instant.parse("2027-01-09T09:00:00Z");
    private static final Instant FINAL_WARNING = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2027-01-11T09:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    @DisplayName("A letter's outbox key names its case (sec03/case-<id>/...); other letters belong to no case")
    void letterKeysNameTheirCase() {
        assertThat(CampaignCase.ofLetterKey("sec03/case-12/advisory")).hasValue(12);
        assertThat(CampaignCase.ofLetterKey("sec03/case-12/r1/ticket/notice")).hasValue(12);
        assertThat(CampaignCase.ofLetterKey("sec03/campaign-3/advisory")).isEmpty();
        assertThat(CampaignCase.ofLetterKey("status-change-4/requested")).isEmpty();
        assertThat(CampaignCase.ofLetterKey("sec03/case-x/advisory")).isEmpty();
    }

    private static CampaignCase pending() {
        CampaignCase c = new CampaignCase(7, "NIKHEF-ELPROD", true, "wn-001.nikhef.nl", SEEN, ADVISORY);
        c.plan(CasePath.ADVISORY, TICKETS, DEADLINE);
        return c;
    }

    private static CampaignCase open() {
        CampaignCase c = pending();
        c.ticketOpened(4711, TICKETS);
        return c;
    }

    /** A case with all three notices, CSIRT's recommendation to suspend, and the deadline reached. */
    private static CampaignCase awaitingConfirmation() {
        CampaignCase c = warned();
        c.recommend(true, "no response", REMINDER);
        assertThat(c.deadlineReached()).isTrue();
        return c;
    }

    private static CampaignCase warned() {
        CampaignCase c = open();
        c.reminderSent();
        c.finalWarningSent(FINAL_WARNING);
        return c;
    }

    private static CampaignCase suspended() {
        CampaignCase c = awaitingConfirmation();
        c.suspend(DEADLINE.plus(Duration.ofHours(2)));
        return c;
    }

    private static CampaignCase resolved() {
        CampaignCase c = open();
        c.resolve(Resolution.PATCHED, "monitoring clear", REMINDER);
        return c;
    }

    private static DomainException refused(ThrowingCallable call, DomainException.Kind kind) {
        DomainException refusal = catchThrowableOfType(DomainException.class, call);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(kind);
        return refusal;
    }

    private static DomainException conflict(ThrowingCallable call) {
        return refused(call, DomainException.Kind.CONFLICTING_STATE);
    }

    @Nested
    class Table {

        private static final Map<State, Set<State>> ALLOWED = Map.of(
                State.PENDING, EnumSet.of(State.OPEN, State.RESOLVED),
                State.OPEN, EnumSet.of(State.RESOLVED, State.AWAITING_CONFIRMATION, State.SUSPENDED),
                State.AWAITING_CONFIRMATION, EnumSet.of(State.OPEN, State.SUSPENDED, State.RESOLVED),
                State.SUSPENDED, EnumSet.of(State.AWAITING_CONFIRMATION, State.RESOLVED),
                State.RESOLVED, EnumSet.of(State.PENDING));

        @ParameterizedTest(name = "from {0}")
        @EnumSource(State.class)
        @DisplayName("The case's transition table, move by move")
        void table(State from) {
            for (State to : State.values()) {
                assertThat(from.canMoveTo(to))
                        .as(from + " → " + to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
        }

        @Test
        @DisplayName(
                "SEC03-7: pending, open and awaiting confirmation are the site's to act on; suspended and resolved are not")
        void awaitsAction() {
            assertThat(EnumSet.allOf(State.class).stream().filter(State::awaitsAction))
                    .containsExactly(State.PENDING, State.OPEN, State.AWAITING_CONFIRMATION);
            assertThat(CampaignCase.OPEN_STATES)
                    .containsExactly(State.PENDING, State.OPEN, State.AWAITING_CONFIRMATION);
        }

        @Test
        @DisplayName("A new case is pending on the advisory's path, round 1, deadline round 1, with no notice yet")
        void newCase() {
            CampaignCase c = pending();
            assertThat(c.state()).isEqualTo(State.PENDING);
            assertThat(c.path()).isEqualTo(CasePath.ADVISORY);
            assertThat(c.round()).isEqualTo(1);
            assertThat(c.deadlineRound()).isEqualTo(1);
            assertThat(c.ticketDueAt()).isEqualTo(TICKETS);
            assertThat(c.deadlineAt()).isEqualTo(DEADLINE);
            assertThat(c.initialNoticeAt()).isNull();
            assertThat(c.reminders()).isZero();
            assertThat(c.seenVulnerableAt()).isEqualTo(SEEN);
        }

        @Test
        @DisplayName("Times are kept to the microsecond, as the database stores them")
        void micros() {
            CampaignCase c = new CampaignCase(
                    7, "NIKHEF-ELPROD", true, "", Instant.parse("2027-01-04T06:12:44.123456789Z"), ADVISORY);
            assertThat(c.seenVulnerableAt()).isEqualTo(Instant.parse("2027-01-04T06:12:44.123456Z"));
        }

        @Test
        @DisplayName("SEC03-2.4: the ticket opens the case and is its initial notice; a second ticket is refused")
        void ticket() {
            CampaignCase c = open();
            assertThat(c.state()).isEqualTo(State.OPEN);
            assertThat(c.ticketId()).isEqualTo(4711L);
            assertThat(c.initialNoticeAt()).isEqualTo(TICKETS);
            conflict(() -> c.ticketOpened(4712, REMINDER));
            assertThat(c.ticketId()).isEqualTo(4711L);
        }

        @Test
        @DisplayName("SEC03-5.4: a case awaiting confirmation keeps its ticket and its notices: no second ticket")
        void noTicketWhileAwaitingConfirmation() {
            CampaignCase c = awaitingConfirmation();
            conflict(() -> c.ticketOpened(4712, DEADLINE));
            assertThat(c.state()).isEqualTo(State.AWAITING_CONFIRMATION);
            assertThat(c.ticketId()).isEqualTo(4711L);
            assertThat(c.initialNoticeAt()).isEqualTo(TICKETS);
        }

        @Test
        @DisplayName("A refused move names the site and both states, and leaves the case as it was")
        void refusedMove() {
            CampaignCase c = resolved();
            DomainException refusal = conflict(() -> c.ticketOpened(4712, REMINDER));
            assertThat(refusal).hasMessage("the case of NIKHEF-ELPROD is resolved and cannot become open");
            assertThat(refusal.errors()).singleElement().satisfies(error -> assertThat(error.field())
                    .isEqualTo("state"));
            assertThat(c.state()).isEqualTo(State.RESOLVED);
        }

        @Test
        @DisplayName(
                "Monitoring updates what is seen; a clear observation keeps the time the site was last seen vulnerable")
        void seen() {
            CampaignCase c = open();
            c.seen(true, "wn-001.nikhef.nl wn-002.nikhef.nl", REMINDER);
            assertThat(c.hosts()).isEqualTo("wn-001.nikhef.nl wn-002.nikhef.nl");
            assertThat(c.seenVulnerableAt()).isEqualTo(REMINDER);
            c.seen(false, "", FINAL_WARNING);
            assertThat(c.vulnerable()).isFalse();
            assertThat(c.seenVulnerableAt()).isEqualTo(REMINDER);
        }
    }

    @Nested
    class Notices {

        @Test
        @DisplayName("SEC03-5.4: no notice at all: a suspension is refused")
        void none() {
            assertThat(pending().missingNotices(DEADLINE, DAY)).contains("0 of the 3", "SEC03-5.4");
        }

        @Test
        @DisplayName("SEC03-5.4: the ticket alone (1 notice): a suspension is refused")
        void ticketOnly() {
            assertThat(open().missingNotices(DEADLINE, DAY)).contains("1 of the 3", "SEC03-5.4");
        }

        @Test
        @DisplayName("SEC03-5.4: the ticket and a reminder (2 notices), no final warning: a suspension is refused")
        void noFinalWarning() {
            CampaignCase c = open();
            c.reminderSent();
            assertThat(c.missingNotices(DEADLINE, DAY)).contains("2 of the 3", "SEC03-5.4");
        }

        @Test
        @DisplayName("SEC03-5.4: the ticket and the final warning (2 notices), no reminder: a suspension is refused")
        void noReminder() {
            CampaignCase c = open();
            c.finalWarningSent(FINAL_WARNING);
            assertThat(c.missingNotices(DEADLINE, DAY)).contains("2 of the 3", "SEC03-5.4");
        }

        @Test
        @DisplayName("SEC03-5.4: reminders without the final warning are not enough, however many")
        void remindersWithoutFinalWarning() {
            CampaignCase c = open();
            c.reminderSent();
            c.reminderSent();
            c.reminderSent();
            assertThat(c.missingNotices(DEADLINE, DAY)).contains("SEC03-5.4");
        }

        @Test
        @DisplayName("SEC03-5.4: ticket, reminder and final warning 24 hours ago: a suspension may go ahead")
        void allThree() {
            CampaignCase c = warned();
            assertThat(c.missingNotices(DEADLINE, DAY)).isNull();
            assertThat(c.missingNotices(FINAL_WARNING.plus(DAY), DAY))
                    .as("exactly 24 hours")
                    .isNull();
            assertThat(c.missingNotices(DEADLINE.plus(Duration.ofDays(3)), DAY)).isNull();
        }

        @Test
        @DisplayName("SEC03-4.1: a final warning less than 24 hours ago refuses the suspension, and says so")
        void finalWarningTooRecent() {
            CampaignCase c = warned();
            String reason = c.missingNotices(FINAL_WARNING.plus(DAY).minusSeconds(1), DAY);
            assertThat(reason).contains("SEC03-4.1", "less than 24 hours ago", FINAL_WARNING.toString());
            assertThat(c.missingNotices(FINAL_WARNING.plus(Duration.ofHours(2)), DAY))
                    .contains("SEC03-4.1");
        }

        @Test
        @DisplayName(
                "SEC03-5.4, SEC03-3.2: a re-introduction's notice, its reminder at the check and the final warning suffice")
        void reintroduction() {
            CampaignCase c = resolved();
            Instant notice = Instant.parse("2027-02-01T09:00:00Z");
            c.reintroduced(CasePath.REINTRODUCTION, notice, notice.plus(Duration.ofHours(48)), notice);
            c.ticketOpened(4711, notice);
            assertThat(c.missingNotices(notice.plus(Duration.ofHours(48)), DAY)).contains("1 of the 3");
            c.reminderSent();
            c.finalWarningSent(notice.plus(DAY));
            assertThat(c.missingNotices(notice.plus(Duration.ofHours(48)), DAY)).isNull();
        }
    }

    @Nested
    class Suspend {

        @Test
        @DisplayName(
                "SEC03-4.4: with the notices, CSIRT's recommendation and the deadline passed, the case is suspended")
        void suspends() {
            CampaignCase c = awaitingConfirmation();
            assertThat(c.state()).isEqualTo(State.AWAITING_CONFIRMATION);
            c.suspend(DEADLINE);
            assertThat(c.state()).isEqualTo(State.SUSPENDED);
        }

        @ParameterizedTest(name = "vetoed by the {0}")
        @EnumSource(VetoBy.class)
        @DisplayName("SEC03-4.4: a veto by the OMB or the COO refuses the suspension and brings the case back to open")
        void veto(VetoBy by) {
            CampaignCase c = awaitingConfirmation();
            c.veto(by, "the site runs a critical service this week");
            assertThat(c.state()).isEqualTo(State.OPEN);
            assertThat(c.vetoedBy()).isEqualTo(by);
            assertThat(conflict(() -> c.suspend(DEADLINE.plus(DAY))))
                    .hasMessageContaining("the " + by + " vetoed the suspension of NIKHEF-ELPROD")
                    .hasMessageContaining("critical service")
                    .hasMessageContaining("SEC03-4.4");
            assertThat(c.state()).isEqualTo(State.OPEN);
        }

        @Test
        @DisplayName("SEC03-4.4: a vetoed case does not wait for the coordinator at the deadline")
        void vetoBeforeTheDeadline() {
            CampaignCase c = warned();
            c.recommend(true, "no response", REMINDER);
            c.veto(VetoBy.OMB, "majority against");
            assertThat(c.deadlineReached()).isFalse();
            assertThat(c.state()).isEqualTo(State.OPEN);
        }

        @Test
        @DisplayName(
                "SEC03-4.4: without CSIRT's recommendation there is no suspension, and no waiting for the coordinator")
        void withoutRecommendation() {
            CampaignCase c = warned();
            assertThat(c.deadlineReached()).isFalse();
            assertThat(conflict(() -> c.suspend(DEADLINE.plus(DAY))))
                    .hasMessageContaining("has not recommended")
                    .hasMessageContaining("SEC03-4.4");
            c.recommend(false, "the site has a plan", REMINDER);
            assertThat(conflict(() -> c.suspend(DEADLINE.plus(DAY)))).hasMessageContaining("has not recommended");
            assertThat(c.state()).isEqualTo(State.OPEN);
        }

        @Test
        @DisplayName(
                "SEC03-4.5: CSIRT recommending suspension after the deadline makes the case wait for the coordinator, unless vetoed")
        void recommendationAfterTheDeadline() {
            CampaignCase c = warned();
            assertThat(c.deadlineReached()).isFalse();
            assertThat(c.recommend(true, "no response by the deadline", DEADLINE.plusSeconds(60)))
                    .isTrue();
            assertThat(c.state()).isEqualTo(State.AWAITING_CONFIRMATION);

            CampaignCase vetoed = warned();
            vetoed.veto(VetoBy.OMB, "critical service this week");
            assertThat(vetoed.recommend(true, "no response", DEADLINE.plusSeconds(60)))
                    .isFalse();
            assertThat(vetoed.state()).isEqualTo(State.OPEN);
            assertThat(warned().recommend(true, "no response", DEADLINE.minusSeconds(1)))
                    .isFalse();
        }

        @Test
        @DisplayName("SEC03-4.4: CSIRT withdrawing its recommendation brings a waiting case back to open")
        void recommendationWithdrawn() {
            CampaignCase c = awaitingConfirmation();
            c.recommend(false, "the site patched half its nodes and has a date for the rest", REMINDER);
            assertThat(c.state()).isEqualTo(State.OPEN);
            assertThat(c.recommendsSuspension()).isFalse();
            assertThat(c.recommendation()).startsWith("the site patched");
        }

        @Test
        @DisplayName("SEC03-4.4: no suspension before the deadline, not even a second before")
        void beforeTheDeadline() {
            CampaignCase c = warned();
            c.recommend(true, "no response", REMINDER);
            assertThat(conflict(() -> c.suspend(DEADLINE.minusSeconds(1))))
                    .hasMessageContaining("no suspension before it");
            assertThat(conflict(() -> c.suspend(FINAL_WARNING))).hasMessageContaining(DEADLINE.toString());
            assertThat(c.state()).isEqualTo(State.OPEN);
            c.suspend(DEADLINE);
            assertThat(c.state()).isEqualTo(State.SUSPENDED);
        }

        @Test
        @DisplayName("SEC03-4.4: a case whose ticket never opened cannot be suspended")
        void pendingCase() {
            CampaignCase c = pending();
            c.recommend(true, "no response", REMINDER);
            assertThat(conflict(() -> c.suspend(DEADLINE.plus(DAY))))
                    .hasMessageContaining("is pending and cannot become suspended");
        }

        @Test
        @DisplayName("SEC03-4.5: when GOCDB does not take the suspension, the case waits for the coordinator again")
        void suspensionFailed() {
            CampaignCase c = suspended();
            c.suspensionFailed();
            assertThat(c.state()).isEqualTo(State.AWAITING_CONFIRMATION);
            conflict(() -> open().suspensionFailed());
        }

        @Test
        @DisplayName("SEC03-4.4: nothing to veto or recommend once the case is suspended or resolved")
        void vetoTooLate() {
            conflict(() -> suspended().veto(VetoBy.COO, "too late"));
            conflict(() -> resolved().veto(VetoBy.OMB, "too late"));
            conflict(() -> suspended().recommend(false, "too late", REMINDER));
            conflict(() -> resolved().recommend(true, "too late", REMINDER));
        }
    }

    @Nested
    class Extend {

        @Test
        @DisplayName(
                "SEC03-4.3, SEC03-5.4: after an extension the old final warning no longer counts: the new deadline needs its own")
        void extensionNeedsANewFinalWarning() {
            CampaignCase c = warned();
            c.extend(DEADLINE.plus(Duration.ofDays(7)));
            assertThat(c.finalWarningAt()).isNull();
            assertThat(c.missingNotices(DEADLINE.plus(Duration.ofDays(8)), DAY))
                    .contains("2 of the 3", "final warning for this deadline: no");
            c.finalWarningSent(DEADLINE.plus(Duration.ofDays(6)));
            assertThat(c.missingNotices(DEADLINE.plus(Duration.ofDays(7)), DAY)).isNull();
        }

        private final Instant later = Instant.parse("2027-01-18T09:00:00Z");

        @Test
        @DisplayName("SEC03-4.3: an extension moves the deadline and starts the next deadline round")
        void extends_() {
            CampaignCase c = warned();
            c.extend(later);
            assertThat(c.deadlineAt()).isEqualTo(later);
            assertThat(c.deadlineRound()).isEqualTo(2);
            assertThat(c.state()).isEqualTo(State.OPEN);
            c.extend(later.plus(Duration.ofDays(7)));
            assertThat(c.deadlineRound()).isEqualTo(3);
        }

        @Test
        @DisplayName("SEC03-4.3: an extension brings a case awaiting the coordinator's confirmation back to open")
        void awaitingConfirmation() {
            CampaignCase c = CampaignCaseTest.awaitingConfirmation();
            c.extend(later);
            assertThat(c.state()).isEqualTo(State.OPEN);
            assertThat(c.deadlineRound()).isEqualTo(2);
            assertThat(conflict(() -> c.suspend(DEADLINE.plus(DAY)))).hasMessageContaining("no suspension before it");
        }

        @Test
        @DisplayName("SEC03-4.3: a pending case can be extended before its ticket opens")
        void pendingCase() {
            CampaignCase c = pending();
            c.extend(later);
            assertThat(c.state()).isEqualTo(State.PENDING);
            assertThat(c.deadlineAt()).isEqualTo(later);
        }

        @Test
        @DisplayName("SEC03-4.3: an earlier or equal deadline is refused, and nothing changes")
        void earlierDeadline() {
            CampaignCase c = warned();
            DomainException refusal = refused(() -> c.extend(DEADLINE.minus(DAY)), DomainException.Kind.INVALID_INPUT);
            assertThat(refusal).hasMessageContaining("must be after the current deadline");
            refused(() -> c.extend(DEADLINE), DomainException.Kind.INVALID_INPUT);
            assertThat(c.deadlineAt()).isEqualTo(DEADLINE);
            assertThat(c.deadlineRound()).isEqualTo(1);
        }

        @Test
        @DisplayName("SEC03-4.3: a suspended or resolved case has nothing to extend")
        void nothingToExtend() {
            assertThat(conflict(() -> suspended().extend(later))).hasMessageContaining("nothing to extend");
            assertThat(conflict(() -> resolved().extend(later))).hasMessageContaining("nothing to extend");
            CampaignCase unplanned = new CampaignCase(7, "NIKHEF-ELPROD", true, "", SEEN, ADVISORY);
            conflict(() -> unplanned.extend(later));
        }
    }

    @Nested
    class Resolve {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Resolution.class)
        @DisplayName("SEC03-7: an open case is resolved for a recorded reason")
        void open(Resolution why) {
            CampaignCase c = CampaignCaseTest.open();
            c.siteResponded("patched", null, REMINDER);
            c.resolve(why, "note", FINAL_WARNING);
            assertThat(c.state()).isEqualTo(State.RESOLVED);
            assertThat(c.resolution()).isEqualTo(why);
            assertThat(c.resolutionNote()).isEqualTo("note");
            assertThat(c.resolvedAt()).isEqualTo(FINAL_WARNING);
            assertThat(c.awaitingCsirt()).isFalse();
        }

        @Test
        @DisplayName("SEC03-7: a pending case resolves before its ticket when monitoring shows it clear")
        void pending() {
            CampaignCase c = CampaignCaseTest.pending();
            c.resolve(Resolution.PATCHED, "monitoring clear", TICKETS.minus(DAY));
            assertThat(c.state()).isEqualTo(State.RESOLVED);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Resolution.class, names = "REINSTATED", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("SEC03-7: a suspended case is not resolved for any reason but its reinstatement")
        void suspendedOtherwise(Resolution why) {
            CampaignCase c = suspended();
            assertThat(conflict(() -> c.resolve(why, "patched meanwhile", DEADLINE.plus(DAY))))
                    .hasMessageContaining("SEC03-4.6");
            assertThat(c.state()).isEqualTo(State.SUSPENDED);
            assertThat(c.resolution()).isNull();
        }

        @Test
        @DisplayName("SEC03-7: a suspended case is resolved by its reinstatement")
        void reinstated() {
            CampaignCase c = suspended();
            c.resolve(Resolution.REINSTATED, "reinstated as Uncertified", DEADLINE.plus(Duration.ofDays(5)));
            assertThat(c.state()).isEqualTo(State.RESOLVED);
            assertThat(c.resolution()).isEqualTo(Resolution.REINSTATED);
        }

        @Test
        @DisplayName("SEC03-7: a resolved case is not resolved twice")
        void twice() {
            CampaignCase c = resolved();
            conflict(() -> c.resolve(Resolution.NOT_VULNERABLE, "again", FINAL_WARNING));
            assertThat(c.resolution()).isEqualTo(Resolution.PATCHED);
        }

        @Test
        @DisplayName("SEC03-7: only monitoring and reinstatement are facts; the others are explanations CSIRT accepts")
        void explanations() {
            assertThat(EnumSet.allOf(Resolution.class).stream().filter(Resolution::isExplanation))
                    .containsExactly(
                            Resolution.OWN_REBUILD,
                            Resolution.VENDOR_ACTION,
                            Resolution.AGREED_ACTION,
                            Resolution.NOT_VULNERABLE);
        }
    }

    @Nested
    class Reintroduced {

        private final Instant notice = Instant.parse("2027-02-01T09:00:00Z");
        private final Instant deadline = Instant.parse("2027-02-03T09:00:00Z");

        @Test
        @DisplayName(
                "SEC03-3.1: vulnerable again after it was resolved: a new round on the re-introduction's path, notices reset")
        void newRound() {
            CampaignCase c = warned();
            c.extend(Instant.parse("2027-01-18T09:00:00Z"));
            c.recommend(true, "no response", REMINDER);
            c.veto(VetoBy.COO, "no");
            c.resolve(Resolution.AGREED_ACTION, "firewalled", Instant.parse("2027-01-15T09:00:00Z"));

            c.reintroduced(CasePath.REINTRODUCTION, notice, deadline, notice);

            assertThat(c.state()).isEqualTo(State.PENDING);
            assertThat(c.round()).isEqualTo(2);
            assertThat(c.deadlineRound()).isEqualTo(1);
            assertThat(c.path()).isEqualTo(CasePath.REINTRODUCTION);
            assertThat(c.ticketDueAt()).isEqualTo(notice);
            assertThat(c.deadlineAt()).isEqualTo(deadline);
            assertThat(c.initialNoticeAt()).isNull();
            assertThat(c.reminders()).isZero();
            assertThat(c.finalWarningAt()).isNull();
            assertThat(c.resolution()).isNull();
            assertThat(c.resolutionNote()).isNull();
            assertThat(c.resolvedAt()).isNull();
            assertThat(c.recommendsSuspension()).isFalse();
            assertThat(c.recommendation()).isNull();
            assertThat(c.vetoedBy()).isNull();
            assertThat(c.veto()).isNull();
            assertThat(c.missingNotices(deadline, DAY)).contains("0 of the 3", "SEC03-5.4");
        }

        @Test
        @DisplayName("SEC03-3.1, SEC03-4.1.2: a new round starts with no response; the earlier round's answer is no "
                + "longer the site's answer")
        void newRoundHasNoResponse() {
            CampaignCase c = open();
            c.siteResponded("We patch on Monday.", "Reboot the workers.", REMINDER);
            c.resolve(Resolution.PATCHED, "monitoring clear", FINAL_WARNING);
            assertThat(c.respondedThisRound()).isTrue();
            assertThat(c.vulnerableBefore()).isFalse();

            c.reintroduced(CasePath.REINTRODUCTION, notice, deadline, notice);

            assertThat(c.vulnerableBefore())
                    .as("a re-introduction, not a first finding")
                    .isTrue();
            assertThat(c.respondedThisRound()).isFalse();
            assertThat(c.siteStatement()).isNull();
            assertThat(c.sitePlan()).isNull();
            assertThat(c.inThisRound(REMINDER)).isFalse();
            assertThat(c.inThisRound(notice)).isTrue();
            c.siteResponded("Patched again.", null, notice.plus(DAY));
            assertThat(c.respondedThisRound()).isTrue();
        }

        @Test
        @DisplayName("SEC03-3.1: a site first found after the tickets is on the 48-hour path but not vulnerable before")
        void firstFindingIsNotVulnerableBefore() {
            CampaignCase c = new CampaignCase(7, "NIKHEF-ELPROD", true, "wn-001.nikhef.nl", SEEN, REMINDER);
            c.plan(CasePath.REINTRODUCTION, REMINDER, DEADLINE);
            assertThat(c.vulnerableBefore()).isFalse();
            assertThat(c.inThisRound(SEEN))
                    .as("the first round takes every response")
                    .isTrue();
        }

        @Test
        @DisplayName("SEC03-3.1: a re-introduction notice sent late gives the full 48 hours from when it was sent")
        void lateNoticeMovesTheDeadline() {
            CampaignCase c = resolved();
            c.reintroduced(CasePath.REINTRODUCTION, notice, deadline, notice);
            Instant sent = notice.plus(Duration.ofHours(5));

            assertThat(c.reintroductionNoticeSent(sent, deadline.plus(Duration.ofHours(5))))
                    .isTrue();

            assertThat(c.ticketDueAt()).isEqualTo(sent);
            assertThat(c.deadlineAt()).isEqualTo(deadline.plus(Duration.ofHours(5)));
        }

        @Test
        @DisplayName(
                "SEC03-3.1: a re-introduction notice sent on time, or an advisory's ticket, keeps the planned deadline")
        void deadlineNeverComesForward() {
            CampaignCase reintroduced = resolved();
            reintroduced.reintroduced(CasePath.REINTRODUCTION, notice, deadline, notice);
            assertThat(reintroduced.reintroductionNoticeSent(notice, deadline)).isFalse();
            assertThat(reintroduced.reintroductionNoticeSent(notice, deadline.minus(DAY)))
                    .isFalse();
            assertThat(reintroduced.deadlineAt()).isEqualTo(deadline);

            CampaignCase advisory = pending();
            assertThat(advisory.reintroductionNoticeSent(TICKETS.plus(DAY), DEADLINE.plus(DAY)))
                    .isFalse();
            assertThat(advisory.deadlineAt()).isEqualTo(DEADLINE);
        }

        @Test
        @DisplayName("SEC03-3.1: each re-introduction counts the next round")
        void thirdRound() {
            CampaignCase c = resolved();
            c.reintroduced(CasePath.REINTRODUCTION, notice, deadline, notice);
            c.ticketOpened(4800, notice);
            c.resolve(Resolution.PATCHED, "clear", notice.plus(DAY));
            c.reintroduced(
                    CasePath.REINTRODUCTION,
                    notice.plus(Duration.ofDays(7)),
                    deadline.plus(Duration.ofDays(7)),
                    notice.plus(Duration.ofDays(7)));
            assertThat(c.round()).isEqualTo(3);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = State.class, names = "RESOLVED", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("SEC03-3.1: only a resolved case is re-introduced")
        void onlyResolved(State state) {
            CampaignCase c =
                    switch (state) {
                        case PENDING -> pending();
                        case OPEN -> open();
                        case AWAITING_CONFIRMATION -> awaitingConfirmation();
                        case SUSPENDED -> suspended();
                        case RESOLVED -> throw new AssertionError();
                    };
            assertThat(c.state()).isEqualTo(state);
            conflict(() -> c.reintroduced(CasePath.REINTRODUCTION, notice, deadline, notice));
            assertThat(c.round()).isEqualTo(1);
        }
    }

    @Nested
    class Replies {

        @Test
        @DisplayName("SEC03-2.7: a site's reply waits for CSIRT, and the answer measures the wait")
        void waitMeasured() {
            CampaignCase c = open();
            Instant wrote = Instant.parse("2027-01-08T13:15:00Z");
            c.siteResponded("We patched the worker nodes", "CEs on Monday", wrote);
            assertThat(c.awaitingCsirt()).isTrue();
            assertThat(c.respondedAt()).isEqualTo(wrote);
            assertThat(c.siteStatement()).isEqualTo("We patched the worker nodes");
            assertThat(c.sitePlan()).isEqualTo("CEs on Monday");
            assertThat(c.csirtAnswered(wrote.plus(Duration.ofMinutes(200)))).isEqualTo(Duration.ofMinutes(200));
            assertThat(c.awaitingCsirt()).isFalse();
        }

        @Test
        @DisplayName("SEC03-2.7: an answer nobody waited for measures nothing")
        void noWait() {
            CampaignCase c = open();
            assertThat(c.csirtAnswered(REMINDER)).isNull();
            c.siteResponded("hello", null, REMINDER);
            assertThat(c.csirtAnswered(REMINDER.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofHours(1));
            assertThat(c.csirtAnswered(REMINDER.plus(Duration.ofHours(2))))
                    .as("answered twice")
                    .isNull();
        }

        @Test
        @DisplayName(
                "SEC03-2.7: a second reply restarts the wait and keeps what the site said before when it adds nothing")
        void secondReply() {
            CampaignCase c = open();
            c.siteResponded("statement", "plan", REMINDER);
            c.siteResponded(null, "new plan", FINAL_WARNING);
            assertThat(c.siteStatement()).isEqualTo("statement");
            assertThat(c.sitePlan()).isEqualTo("new plan");
            assertThat(c.csirtAnswered(FINAL_WARNING.plus(Duration.ofMinutes(5))))
                    .isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        @DisplayName("SEC03-2.7: resolving a case takes its reply out of CSIRT's queue")
        void resolveClearsTheQueue() {
            CampaignCase c = open();
            c.siteResponded("not vulnerable: we run a patched kernel", null, REMINDER);
            c.resolve(Resolution.NOT_VULNERABLE, "accepted", FINAL_WARNING);
            assertThat(c.awaitingCsirt()).isFalse();
            assertThatCode(() -> c.csirtAnswered(DEADLINE)).doesNotThrowAnyException();
        }
    }
}
