package org.csirtdesk.campaign.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.csirtdesk.calendar.control.PublicHolidays;
import org.csirtdesk.calendar.entity.CsirtCalendar;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.PlannedStep;
import org.csirtdesk.campaign.entity.ProcedureTimes;
import org.csirtdesk.campaign.entity.Timeline;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SEC03 timing rules ({@link Timeline}) on a real calendar: a CSIRT in Amsterdam with the Netherlands' public
 * holidays from Jollyday.
 * Dates are local to Europe/Amsterdam; each is checked against the weekday the test expects of it.
 */
class DutchTimelineTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Duration WEEK = Duration.ofDays(7);

    private static Timeline timeline(LocalDate... closureDays) {
        return new Timeline(
                new CsirtCalendar(AMSTERDAM, new PublicHolidays("NL", new String[0], Set.of(closureDays))),
                ProcedureTimes.SEC03);
    }

    private static final Timeline NL = timeline();

    /** A local time in Amsterdam that must fall on {@code weekday}, e.g. {@code at("2027-01-04T10:00", "MONDAY")}. */
    private static Instant at(String local, String weekday) {
        ZonedDateTime time = LocalDateTime.parse(local).atZone(AMSTERDAM);
        assertThat(time.getDayOfWeek()).as(local).isEqualTo(DayOfWeek.valueOf(weekday));
        return time.toInstant();
    }

    private static LocalDateTime local(Instant instant) {
        return instant.atZone(AMSTERDAM).toLocalDateTime();
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @Nested
    class Deadline {

        @ParameterizedTest(name = "advisory {0} {1} → deadline {2} {3}")
        @CsvSource({
            "2027-01-04T10:00, MONDAY,    2027-01-11T10:00, MONDAY",
            "2027-01-05T10:00, TUESDAY,   2027-01-12T10:00, TUESDAY",
            "2027-01-06T10:00, WEDNESDAY, 2027-01-13T10:00, WEDNESDAY",
            "2027-01-06T17:45, WEDNESDAY, 2027-01-13T17:45, WEDNESDAY",
            "2027-01-07T10:00, THURSDAY,  2027-01-14T10:00, THURSDAY",
            "2027-01-07T23:30, THURSDAY,  2027-01-14T23:30, THURSDAY",
            "2027-01-08T00:15, FRIDAY,    2027-01-18T00:15, MONDAY",
            "2027-01-08T10:00, FRIDAY,    2027-01-18T10:00, MONDAY",
            "2027-01-09T10:00, SATURDAY,  2027-01-18T10:00, MONDAY",
            "2027-01-10T10:00, SUNDAY,    2027-01-18T10:00, MONDAY",
            "2027-01-10T23:59, SUNDAY,    2027-01-18T23:59, MONDAY"
        })
        @DisplayName(
                "SEC03-2.3b: a week after the advisory at the same local time; a Friday, Saturday or Sunday moves to Monday")
        void weekdays(String advisory, String advisoryDay, String deadline, String deadlineDay) {
            assertThat(NL.deadline(at(advisory, advisoryDay))).isEqualTo(at(deadline, deadlineDay));
        }

        @ParameterizedTest(name = "advisory {0} {1} → deadline {2} {3}")
        @CsvSource({
            "2026-04-20T10:00, MONDAY,    2026-04-28T10:00, TUESDAY", // King's Day 2026, a Monday
            "2026-05-18T09:00, MONDAY,    2026-05-26T09:00, TUESDAY", // Whit Monday 2026
            "2027-05-10T10:00, MONDAY,    2027-05-18T10:00, TUESDAY", // Whit Monday 2027
            "2027-04-20T10:00, TUESDAY,   2027-04-28T10:00, WEDNESDAY", // King's Day 2027, a Tuesday
            "2026-05-07T10:00, THURSDAY,  2026-05-18T10:00, MONDAY"
        }) // Ascension 2026 on the Thursday
        @DisplayName(
                "SEC03-2.3b: a deadline on a public holiday moves to the next day that is no holiday, Friday or weekend day")
        void publicHoliday(String advisory, String advisoryDay, String deadline, String deadlineDay) {
            assertThat(NL.deadline(at(advisory, advisoryDay))).isEqualTo(at(deadline, deadlineDay));
        }

        @ParameterizedTest(name = "advisory {0} {1} → deadline {2} {3}")
        @CsvSource({
            "2027-04-28T10:00, WEDNESDAY, 2027-05-10T10:00, MONDAY", // Liberation Day, Ascension, Friday, weekend
            "2027-04-29T10:00, THURSDAY,  2027-05-10T10:00, MONDAY",
            "2026-12-18T10:00, FRIDAY,    2026-12-28T10:00, MONDAY", // Christmas, a Friday, and Boxing Day
            "2026-12-19T10:00, SATURDAY,  2026-12-28T10:00, MONDAY",
            "2026-12-21T10:00, MONDAY,    2026-12-28T10:00, MONDAY",
            "2026-12-24T10:00, THURSDAY,  2026-12-31T10:00, THURSDAY", // New Year's Eve is a working day
            "2026-12-25T10:00, FRIDAY,    2027-01-04T10:00, MONDAY", // New Year 2027, a Friday
            "2026-12-28T10:00, MONDAY,    2027-01-04T10:00, MONDAY"
        })
        @DisplayName(
                "SEC03-2.3b: a run of holidays (Liberation Day and Ascension 2027, Christmas and New Year) is skipped as a whole")
        void holidayRuns(String advisory, String advisoryDay, String deadline, String deadlineDay) {
            assertThat(NL.deadline(at(advisory, advisoryDay))).isEqualTo(at(deadline, deadlineDay));
        }

        @Test
        @DisplayName("SEC03-2.3b: the CSIRT's closure days are skipped like public holidays")
        void closureDays() {
            Timeline closedBetweenTheYears =
                    timeline(day("2026-12-28"), day("2026-12-29"), day("2026-12-30"), day("2026-12-31"));
            assertThat(closedBetweenTheYears.deadline(at("2026-12-21T10:00", "MONDAY")))
                    .isEqualTo(at("2027-01-04T10:00", "MONDAY"));
            assertThat(closedBetweenTheYears.deadline(at("2026-12-24T10:00", "THURSDAY")))
                    .isEqualTo(at("2027-01-04T10:00", "MONDAY"));
            Timeline closedOnWednesday = timeline(day("2027-01-13"));
            assertThat(closedOnWednesday.deadline(at("2027-01-06T10:00", "WEDNESDAY")))
                    .isEqualTo(at("2027-01-14T10:00", "THURSDAY"));
        }

        @ParameterizedTest(name = "advisory {0} {1} → deadline {2} {3}")
        @CsvSource({
            "2026-10-19T10:00, MONDAY,    2026-10-26T10:00, MONDAY", // 169 hours
            "2026-10-22T10:00, THURSDAY,  2026-10-29T10:00, THURSDAY",
            "2026-10-23T10:00, FRIDAY,    2026-11-02T10:00, MONDAY",
            "2026-10-18T02:30, SUNDAY,    2026-10-26T02:30, MONDAY", // 02:30 happens twice on 25 October
            "2026-10-25T02:30, SUNDAY,    2026-11-02T02:30, MONDAY"
        })
        @DisplayName(
                "SEC03-2.3b: across the autumn daylight-saving change (2026-10-25) the deadline keeps its local time")
        void autumnChange(String advisory, String advisoryDay, String deadline, String deadlineDay) {
            Instant advisoryAt = at(advisory, advisoryDay);
            Instant deadlineAt = NL.deadline(advisoryAt);
            assertThat(deadlineAt).isEqualTo(at(deadline, deadlineDay));
            assertThat(Duration.between(advisoryAt, deadlineAt)).isGreaterThanOrEqualTo(WEEK);
        }

        @Test
        @DisplayName("SEC03-2.3b: the ambiguous 02:30 of 2026-10-25 taken at its second (winter) occurrence")
        void secondOccurrenceOfTheAutumnHour() {
            Instant advisoryAt = LocalDateTime.parse("2026-10-25T02:30")
                    .atZone(AMSTERDAM)
                    .withLaterOffsetAtOverlap()
                    .toInstant();
            assertThat(NL.deadline(advisoryAt)).isEqualTo(at("2026-11-02T02:30", "MONDAY"));
        }

        @ParameterizedTest(name = "advisory {0} {1} → deadline {2} {3}")
        @CsvSource({
            "2027-03-23T10:00, TUESDAY,   2027-03-30T11:00, TUESDAY", // 10:00 would give 167 hours
            "2027-03-24T10:00, WEDNESDAY, 2027-03-31T11:00, WEDNESDAY",
            "2027-03-25T10:00, THURSDAY,  2027-04-01T11:00, THURSDAY",
            "2027-03-22T10:00, MONDAY,    2027-03-30T10:00, TUESDAY", // Easter Monday: a day later, 10:00 gives 191
            // hours
            "2027-03-26T10:00, FRIDAY,    2027-04-05T10:00, MONDAY",
            "2027-03-27T10:00, SATURDAY,  2027-04-05T10:00, MONDAY",
            "2027-03-21T02:30, SUNDAY,    2027-03-30T02:30, TUESDAY", // 02:30 does not exist on 28 March
            "2027-03-25T23:30, THURSDAY,  2027-04-05T23:30, MONDAY", // 168 hours would end on the Friday
            "2027-03-29T10:00, MONDAY,    2027-04-05T10:00, MONDAY"
        }) // after the change: plain weeks again
        @DisplayName("SEC03-2.3b: across the spring daylight-saving change (2027-03-28) never less than 7×24 hours, "
                + "and the advisory's local time again once a later day allows it")
        void springChange(String advisory, String advisoryDay, String deadline, String deadlineDay) {
            Instant advisoryAt = at(advisory, advisoryDay);
            Instant deadlineAt = NL.deadline(advisoryAt);
            assertThat(deadlineAt).isEqualTo(at(deadline, deadlineDay));
            assertThat(Duration.between(advisoryAt, deadlineAt)).isGreaterThanOrEqualTo(WEEK);
        }

        @Test
        @DisplayName(
                "SEC03-2.3b: for an advisory every 20 minutes of 2026 and 2027, the deadline is the first allowed day at the "
                        + "advisory's local time, at least 7×24 hours later")
        void everyAdvisoryOfTwoYears() {
            CsirtCalendar calendar = NL.calendar();
            for (Instant advisoryAt = at("2026-01-01T00:00", "THURSDAY");
                    advisoryAt.isBefore(at("2028-01-01T00:00", "SATURDAY"));
                    advisoryAt = advisoryAt.plus(Duration.ofMinutes(20))) {
                Instant deadlineAt = NL.deadline(advisoryAt);
                ZonedDateTime advisory = advisoryAt.atZone(AMSTERDAM);
                ZonedDateTime deadline = deadlineAt.atZone(AMSTERDAM);
                Instant fullWeek = advisoryAt.plus(WEEK);
                String what = "advisory " + advisory + ", deadline " + deadline;
                assertThat(deadlineAt).as(what).isAfterOrEqualTo(fullWeek);
                assertThat(calendar.isDeadlineDay(deadline.toLocalDate()))
                        .as(what)
                        .isTrue();
                assertThat(deadline.toLocalTime().equals(advisory.toLocalTime()) || deadlineAt.equals(fullWeek))
                        .as(what + ": the advisory's local time, or exactly 7×24 hours")
                        .isTrue();
                for (LocalDate earlier = advisory.toLocalDate().plusDays(7);
                        earlier.isBefore(deadline.toLocalDate());
                        earlier = earlier.plusDays(1)) {
                    boolean allowedDay = calendar.isDeadlineDay(earlier);
                    boolean fullWeekThatDay = !earlier.atTime(advisory.toLocalTime())
                                    .atZone(AMSTERDAM)
                                    .toInstant()
                                    .isBefore(fullWeek)
                            || fullWeek.atZone(AMSTERDAM).toLocalDate().equals(earlier);
                    assertThat(allowedDay && fullWeekThatDay)
                            .as(what + ": " + earlier + " would do")
                            .isFalse();
                }
                assertThat(NL.allows(advisoryAt, deadlineAt)).as(what).isTrue();
            }
        }
    }

    @Nested
    class Allows {

        private final Instant advisory = at("2027-01-04T10:00", "MONDAY");

        @Test
        @DisplayName(
                "SEC03-2.3b: a deadline chosen by hand is allowed on the computed deadline or any later allowed day")
        void laterDeadlines() {
            assertThat(NL.allows(advisory, at("2027-01-11T10:00", "MONDAY"))).isTrue();
            assertThat(NL.allows(advisory, at("2027-01-11T16:00", "MONDAY"))).isTrue();
            assertThat(NL.allows(advisory, at("2027-01-12T09:00", "TUESDAY"))).isTrue();
            assertThat(NL.allows(advisory, at("2027-01-21T14:00", "THURSDAY"))).isTrue();
        }

        @Test
        @DisplayName("SEC03-2.3b: a deadline less than 7 days after the advisory is refused, even by a minute")
        void early() {
            assertThat(NL.allows(advisory, at("2027-01-11T09:59", "MONDAY"))).isFalse();
            assertThat(NL.allows(advisory, at("2027-01-07T10:00", "THURSDAY"))).isFalse();
            assertThat(NL.allows(advisory, advisory)).isFalse();
        }

        @Test
        @DisplayName("SEC03-2.3b: a deadline on a Friday, a weekend day, a public holiday or a closure day is refused")
        void notADeadlineDay() {
            assertThat(NL.allows(advisory, at("2027-01-15T10:00", "FRIDAY"))).isFalse();
            assertThat(NL.allows(advisory, at("2027-01-22T10:00", "FRIDAY"))).isFalse();
            assertThat(NL.allows(advisory, at("2027-01-16T10:00", "SATURDAY"))).isFalse();
            assertThat(NL.allows(advisory, at("2027-01-17T10:00", "SUNDAY"))).isFalse();
            assertThat(NL.allows(at("2027-04-12T10:00", "MONDAY"), at("2027-04-27T10:00", "TUESDAY")))
                    .as("King's Day")
                    .isFalse();
            assertThat(timeline(day("2027-01-19")).allows(advisory, at("2027-01-19T10:00", "TUESDAY")))
                    .isFalse();
        }

        @Test
        @DisplayName(
                "SEC03-2.3b: across the spring change, a deadline at the advisory's local time a week later is refused (167 hours)")
        void springShortWeek() {
            Instant tuesday = at("2027-03-23T10:00", "TUESDAY");
            assertThat(NL.allows(tuesday, at("2027-03-30T10:00", "TUESDAY"))).isFalse();
            assertThat(NL.allows(tuesday, at("2027-03-30T11:00", "TUESDAY"))).isTrue();
        }
    }

    @Nested
    class TicketOpening {

        @ParameterizedTest(name = "deadline {0} {1} → tickets {2} {3}")
        @CsvSource({
            "2027-01-11T10:00, MONDAY,    2027-01-08T10:00, FRIDAY", // 3 days
            "2027-01-12T10:00, TUESDAY,   2027-01-08T10:00, FRIDAY", // 4 days: the third is a Saturday
            "2027-01-13T10:00, WEDNESDAY, 2027-01-08T10:00, FRIDAY", // 5 days: the third is a Sunday
            "2027-01-14T10:00, THURSDAY,  2027-01-11T10:00, MONDAY"
        }) // 3 days
        @DisplayName(
                "SEC03-2.4: tickets open 3 calendar days before the deadline, 4 or 5 when the third day is a weekend day")
        void weekends(String deadline, String deadlineDay, String tickets, String ticketsDay) {
            Instant deadlineAt = at(deadline, deadlineDay);
            assertThat(NL.ticketOpening(deadlineAt, deadlineAt.minus(Duration.ofDays(10))))
                    .isEqualTo(at(tickets, ticketsDay));
        }

        @ParameterizedTest(name = "advisory {0} {1} → tickets {2} {3}")
        @CsvSource({
            "2026-12-18T10:00, FRIDAY,   2026-12-24T10:00, THURSDAY", // deadline Mon 28 Dec; Christmas on the Friday
            "2026-12-25T10:00, FRIDAY,   2026-12-31T10:00, THURSDAY", // deadline Mon 4 Jan; New Year on the Friday
            "2026-05-21T10:00, THURSDAY, 2026-05-22T10:00, FRIDAY", // deadline Thu 28 May; Whit Monday
            "2027-04-23T10:00, FRIDAY,   2027-04-30T10:00, FRIDAY"
        }) // deadline Mon 3 May: nothing in the way
        @DisplayName("SEC03-2.4: a public holiday on the ticket day moves the tickets to the working day before it")
        void publicHoliday(String advisory, String advisoryDay, String tickets, String ticketsDay) {
            Instant advisoryAt = at(advisory, advisoryDay);
            assertThat(NL.ticketOpening(NL.deadline(advisoryAt), advisoryAt)).isEqualTo(at(tickets, ticketsDay));
        }

        @Test
        @DisplayName(
                "SEC03-2.4: Easter 2027: a deadline on Thursday 1 April opens tickets on Good Friday, a working day in the Netherlands")
        void easter() {
            Instant advisoryAt = at("2027-03-25T10:00", "THURSDAY");
            Instant deadlineAt = NL.deadline(advisoryAt);
            assertThat(deadlineAt).isEqualTo(at("2027-04-01T11:00", "THURSDAY"));
            assertThat(NL.ticketOpening(deadlineAt, advisoryAt)).isEqualTo(at("2027-03-26T11:00", "FRIDAY"));
        }

        @Test
        @DisplayName(
                "SEC03-2.4: counting back over the spring change, the tickets keep the deadline's local time even when a "
                        + "day passed on the way lacks that hour")
        void throughTheSkippedHour() {
            // Sunday 28 March 2027 has no 02:30; the tickets open on the Friday before at 02:30 all the same.
            assertThat(NL.ticketOpening(at("2027-03-31T02:30", "WEDNESDAY"), at("2027-03-24T03:30", "WEDNESDAY")))
                    .isEqualTo(at("2027-03-26T02:30", "FRIDAY"));
        }

        @Test
        @DisplayName("SEC03-2.4: a closure day on the ticket day moves the tickets earlier too")
        void closureDay() {
            Instant advisoryAt = at("2026-12-18T10:00", "FRIDAY");
            Timeline closedOnChristmasEve = timeline(day("2026-12-24"));
            assertThat(closedOnChristmasEve.ticketOpening(closedOnChristmasEve.deadline(advisoryAt), advisoryAt))
                    .isEqualTo(at("2026-12-23T10:00", "WEDNESDAY"));
        }

        @Test
        @DisplayName("SEC03-2.4: tickets never open before the advisory")
        void neverBeforeTheAdvisory() {
            Instant saturdayAdvisory = at("2027-01-09T12:00", "SATURDAY");
            assertThat(NL.ticketOpening(at("2027-01-11T10:00", "MONDAY"), saturdayAdvisory))
                    .isEqualTo(saturdayAdvisory);
            Timeline short1 = new Timeline(
                    NL.calendar(),
                    new ProcedureTimes(2, 1, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(24)));
            Instant advisoryAt = at("2027-01-09T10:00", "SATURDAY");
            Instant deadlineAt = short1.deadline(advisoryAt);
            assertThat(deadlineAt).isEqualTo(at("2027-01-11T10:00", "MONDAY"));
            assertThat(short1.ticketOpening(deadlineAt, advisoryAt)).isEqualTo(advisoryAt);
        }

        @Test
        @DisplayName(
                "SEC03-2.4: for an advisory every hour of 2026 and 2027, tickets open on the last working day at least 3 "
                        + "days before the deadline, at its local time")
        void everyAdvisoryOfTwoYears() {
            CsirtCalendar calendar = NL.calendar();
            for (Instant advisoryAt = at("2026-01-01T00:00", "THURSDAY");
                    advisoryAt.isBefore(at("2028-01-01T00:00", "SATURDAY"));
                    advisoryAt = advisoryAt.plus(Duration.ofHours(1))) {
                ZonedDateTime deadline = NL.deadline(advisoryAt).atZone(AMSTERDAM);
                ZonedDateTime tickets =
                        NL.ticketOpening(deadline.toInstant(), advisoryAt).atZone(AMSTERDAM);
                String what =
                        "advisory " + advisoryAt.atZone(AMSTERDAM) + ", deadline " + deadline + ", tickets " + tickets;
                assertThat(tickets.toInstant()).as(what).isAfterOrEqualTo(advisoryAt);
                assertThat(calendar.isWorkingDay(tickets.toLocalDate()))
                        .as(what)
                        .isTrue();
                assertThat(tickets.toLocalTime()).as(what).isEqualTo(deadline.toLocalTime());
                assertThat(tickets.toLocalDate())
                        .as(what)
                        .isBeforeOrEqualTo(deadline.toLocalDate().minusDays(3));
                for (LocalDate later = tickets.toLocalDate().plusDays(1);
                        !later.isAfter(deadline.toLocalDate().minusDays(3));
                        later = later.plusDays(1)) {
                    assertThat(calendar.isWorkingDay(later))
                            .as(what + ": " + later + " is a working day")
                            .isFalse();
                }
            }
        }
    }

    @Nested
    class Reintroduction {

        @ParameterizedTest(name = "notice {0} {1} → deadline {2} {3}")
        @CsvSource({
            "2027-01-11T10:00, MONDAY,    2027-01-13T10:00, WEDNESDAY", // 48 hours
            "2027-01-12T10:00, TUESDAY,   2027-01-14T10:00, THURSDAY",
            "2027-01-13T10:00, WEDNESDAY, 2027-01-18T10:00, MONDAY", // 48 hours end on a Friday
            "2027-01-14T10:00, THURSDAY,  2027-01-18T10:00, MONDAY",
            "2027-01-15T10:00, FRIDAY,    2027-01-18T10:00, MONDAY",
            "2027-01-16T10:00, SATURDAY,  2027-01-18T10:00, MONDAY",
            "2026-04-25T10:00, SATURDAY,  2026-04-28T10:00, TUESDAY", // King's Day 2026
            "2026-12-23T10:00, WEDNESDAY, 2026-12-28T10:00, MONDAY", // Christmas
            "2026-12-30T10:00, WEDNESDAY, 2027-01-04T10:00, MONDAY"
        }) // New Year
        @DisplayName(
                "SEC03-3.1: a re-introduction gives at least 48 hours, longer when they end on a Friday, weekend or holiday")
        void deadlines(String notice, String noticeDay, String deadline, String deadlineDay) {
            assertThat(NL.reintroductionDeadline(at(notice, noticeDay))).isEqualTo(at(deadline, deadlineDay));
        }

        @Test
        @DisplayName(
                "SEC03-3.1: over the spring change (Easter 2027) still at least 48 hours, on the Tuesday after Easter Monday")
        void springChange() {
            Instant notice = at("2027-03-26T10:00", "FRIDAY");
            Instant deadline = NL.reintroductionDeadline(notice);
            assertThat(deadline.atZone(AMSTERDAM).toLocalDate()).isEqualTo(day("2027-03-30"));
            assertThat(Duration.between(notice, deadline)).isGreaterThanOrEqualTo(Duration.ofHours(48));
        }

        @Test
        @DisplayName("SEC03-3.1: a closure day at the end of the 48 hours moves the deadline on")
        void closureDay() {
            assertThat(timeline(day("2027-01-13")).reintroductionDeadline(at("2027-01-11T10:00", "MONDAY")))
                    .isEqualTo(at("2027-01-14T10:00", "THURSDAY"));
        }

        @Test
        @DisplayName("SEC03-3.1: for a notice every hour of 2026 and 2027: at least 48 hours, on the first allowed day")
        void everyNoticeOfTwoYears() {
            CsirtCalendar calendar = NL.calendar();
            for (Instant notice = at("2026-01-01T00:00", "THURSDAY");
                    notice.isBefore(at("2028-01-01T00:00", "SATURDAY"));
                    notice = notice.plus(Duration.ofHours(1))) {
                ZonedDateTime deadline = NL.reintroductionDeadline(notice).atZone(AMSTERDAM);
                String what = "notice " + notice.atZone(AMSTERDAM) + ", deadline " + deadline;
                assertThat(Duration.between(notice, deadline.toInstant()))
                        .as(what)
                        .isGreaterThanOrEqualTo(Duration.ofHours(48));
                assertThat(calendar.isDeadlineDay(deadline.toLocalDate()))
                        .as(what)
                        .isTrue();
                for (LocalDate earlier = notice.plus(Duration.ofHours(48))
                                .atZone(AMSTERDAM)
                                .toLocalDate();
                        earlier.isBefore(deadline.toLocalDate());
                        earlier = earlier.plusDays(1)) {
                    assertThat(calendar.isDeadlineDay(earlier))
                            .as(what + ": " + earlier)
                            .isFalse();
                }
            }
        }
    }

    @Nested
    class CaseSteps {

        private List<String> names(List<PlannedStep> steps) {
            return steps.stream().map(step -> step.name().toString()).toList();
        }

        private List<LocalDateTime> times(List<PlannedStep> steps) {
            return steps.stream().map(step -> local(step.due())).toList();
        }

        private static List<LocalDateTime> locals(String... times) {
            return Arrays.stream(times).map(LocalDateTime::parse).toList();
        }

        @Test
        @DisplayName(
                "SEC03-2.5, SEC03-4.1.1: ticket 3 days before a Monday deadline, one reminder, the final warning 24 hours "
                        + "before, the deadline")
        void threeDays() {
            List<PlannedStep> steps = NL.caseSteps(
                    CasePath.ADVISORY, 1, 1, at("2027-01-08T10:00", "FRIDAY"), at("2027-01-11T10:00", "MONDAY"));
            assertThat(names(steps))
                    .containsExactly("r1/ticket", "r1/reminder-1", "r1/d1/final-warning", "r1/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(
                            locals("2027-01-08T10:00", "2027-01-09T10:00", "2027-01-10T10:00", "2027-01-11T10:00"));
        }

        @Test
        @DisplayName(
                "SEC03-2.5, SEC03-4.1.1: ticket 5 days before a Wednesday deadline: a reminder each day until the final "
                        + "warning, weekend included")
        void fiveDays() {
            List<PlannedStep> steps = NL.caseSteps(
                    CasePath.ADVISORY, 1, 1, at("2027-01-08T10:00", "FRIDAY"), at("2027-01-13T10:00", "WEDNESDAY"));
            assertThat(names(steps))
                    .containsExactly(
                            "r1/ticket",
                            "r1/reminder-1",
                            "r1/reminder-2",
                            "r1/reminder-3",
                            "r1/d1/final-warning",
                            "r1/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(locals(
                            "2027-01-08T10:00",
                            "2027-01-09T10:00",
                            "2027-01-10T10:00",
                            "2027-01-11T10:00",
                            "2027-01-12T10:00",
                            "2027-01-13T10:00"));
        }

        @Test
        @DisplayName(
                "SEC03-2.5, SEC03-4.1.1: the steps of a campaign as the timeline plans them (advisory Monday 4 January 2027)")
        void fromTheAdvisory() {
            Instant advisoryAt = at("2027-01-04T10:00", "MONDAY");
            Instant deadline = NL.deadline(advisoryAt);
            List<PlannedStep> steps =
                    NL.caseSteps(CasePath.ADVISORY, 1, 1, NL.ticketOpening(deadline, advisoryAt), deadline);
            assertThat(names(steps))
                    .containsExactly("r1/ticket", "r1/reminder-1", "r1/d1/final-warning", "r1/d1/deadline");
            assertThat(steps.get(2).due()).isEqualTo(deadline.minus(Duration.ofHours(24)));
        }

        @Test
        @DisplayName(
                "SEC03-2.5, SEC03-4.1.1: reminders keep their local time across the autumn change; the final warning is 24 "
                        + "hours before the deadline")
        void autumnChange() {
            List<PlannedStep> steps = NL.caseSteps(
                    CasePath.ADVISORY, 1, 1, at("2026-10-23T10:00", "FRIDAY"), at("2026-10-26T10:00", "MONDAY"));
            assertThat(names(steps))
                    .containsExactly("r1/ticket", "r1/reminder-1", "r1/d1/final-warning", "r1/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(
                            locals("2026-10-23T10:00", "2026-10-24T10:00", "2026-10-25T10:00", "2026-10-26T10:00"));
        }

        @Test
        @DisplayName(
                "SEC03-2.5, SEC03-4.1.1: Easter 2027 and the spring change: ticket on Good Friday, reminders Saturday and "
                        + "Sunday, final warning on Easter Monday")
        void springChange() {
            Instant advisoryAt = at("2027-03-22T10:00", "MONDAY");
            Instant deadline = NL.deadline(advisoryAt);
            List<PlannedStep> steps =
                    NL.caseSteps(CasePath.ADVISORY, 1, 1, NL.ticketOpening(deadline, advisoryAt), deadline);
            assertThat(names(steps))
                    .containsExactly(
                            "r1/ticket", "r1/reminder-1", "r1/reminder-2", "r1/d1/final-warning", "r1/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(locals(
                            "2027-03-26T10:00",
                            "2027-03-27T10:00",
                            "2027-03-28T10:00",
                            "2027-03-29T10:00",
                            "2027-03-30T10:00"));
        }

        @Test
        @DisplayName(
                "SEC03-2.5: a daily reminder at 02:30 is at 03:30 on the day that lacks 02:30, and back at 02:30 the day after")
        void remindersThroughTheSkippedHour() {
            List<PlannedStep> steps = NL.caseSteps(
                    CasePath.ADVISORY, 1, 1, at("2027-03-26T02:30", "FRIDAY"), at("2027-03-31T02:30", "WEDNESDAY"));
            assertThat(names(steps))
                    .containsExactly(
                            "r1/ticket",
                            "r1/reminder-1",
                            "r1/reminder-2",
                            "r1/reminder-3",
                            "r1/d1/final-warning",
                            "r1/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(locals(
                            "2027-03-26T02:30",
                            "2027-03-27T02:30",
                            "2027-03-28T03:30",
                            "2027-03-29T02:30",
                            "2027-03-30T02:30",
                            "2027-03-31T02:30"));
        }

        @Test
        @DisplayName(
                "SEC03-3.2, SEC03-4.1.1: a re-introduction: its notice, the check 24 hours later (which carries the final "
                        + "warning), the deadline")
        void reintroduction() {
            Instant notice = at("2027-01-11T10:00", "MONDAY");
            List<PlannedStep> steps =
                    NL.caseSteps(CasePath.REINTRODUCTION, 2, 1, notice, NL.reintroductionDeadline(notice));
            assertThat(names(steps)).containsExactly("r2/reintroduction", "r2/check", "r2/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(locals("2027-01-11T10:00", "2027-01-12T10:00", "2027-01-13T10:00"));
        }

        @Test
        @DisplayName(
                "SEC03-4.3, SEC03-2.5, SEC03-4.1.1: after an extension the reminders go on to the new final warning, the "
                        + "earlier steps keep their names, the final warning and deadline are new (d2)")
        void extendedAdvisoryPath() {
            Instant ticket = at("2027-01-08T10:00", "FRIDAY");
            List<PlannedStep> first = NL.caseSteps(CasePath.ADVISORY, 1, 1, ticket, at("2027-01-11T10:00", "MONDAY"));
            List<PlannedStep> extended =
                    NL.caseSteps(CasePath.ADVISORY, 1, 2, ticket, at("2027-01-18T10:00", "MONDAY"));
            assertThat(names(extended))
                    .containsExactly(
                            "r1/ticket",
                            "r1/reminder-1",
                            "r1/reminder-2",
                            "r1/reminder-3",
                            "r1/reminder-4",
                            "r1/reminder-5",
                            "r1/reminder-6",
                            "r1/reminder-7",
                            "r1/reminder-8",
                            "r1/d2/final-warning",
                            "r1/d2/deadline");
            assertThat(extended.subList(0, 2)).containsExactlyElementsOf(first.subList(0, 2));
            assertThat(local(extended.get(8).due())).isEqualTo(LocalDateTime.parse("2027-01-16T10:00"));
            assertThat(local(extended.get(9).due())).isEqualTo(LocalDateTime.parse("2027-01-17T10:00"));
            assertThat(names(extended)).doesNotContain("r1/d1/final-warning", "r1/d1/deadline");
        }

        @Test
        @DisplayName("SEC03-3.1, SEC03-5.2: a site found the day after the tickets keeps the campaign's deadline; its "
                + "final warning comes 24 hours before it, not with the check")
        void lateFindingKeepsTheCampaignsDeadline() {
            Instant campaignDeadline = at("2027-01-13T10:00", "WEDNESDAY");
            Instant found = at("2027-01-09T09:00", "SATURDAY");
            Instant deadline = NL.lateFindingDeadline(found, campaignDeadline);
            assertThat(deadline).isEqualTo(campaignDeadline);
            assertThat(NL.checkWarns(CasePath.REINTRODUCTION, 1, found, deadline))
                    .isFalse();
            List<PlannedStep> steps = NL.caseSteps(CasePath.REINTRODUCTION, 1, 1, found, deadline);
            assertThat(names(steps))
                    .containsExactly("r1/reintroduction", "r1/check", "r1/d1/final-warning", "r1/d1/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(
                            locals("2027-01-09T09:00", "2027-01-10T09:00", "2027-01-12T10:00", "2027-01-13T10:00"));
        }

        @ParameterizedTest(name = "found {0} ({1}), campaign deadline {2}: deadline {3} ({4})")
        @CsvSource({
            // 48 hours end after the campaign's deadline, on a Friday: the Monday after.
            "2027-01-13T09:00, WEDNESDAY, 2027-01-13T10:00, 2027-01-18T09:00, MONDAY",
            // 48 hours end two hours after the campaign's deadline, on a Wednesday: they stand.
            "2027-01-11T12:00, MONDAY,    2027-01-13T10:00, 2027-01-13T12:00, WEDNESDAY",
            // the campaign's deadline is later: it stands.
            "2027-01-09T10:00, SATURDAY,  2027-01-13T10:00, 2027-01-13T10:00, WEDNESDAY",
            // King's Day 2026 (Monday 27 April) after the 48 hours from Saturday.
            "2026-04-25T10:00, SATURDAY,  2026-04-22T10:00, 2026-04-28T10:00, TUESDAY"
        })
        @DisplayName(
                "SEC03-3.1: the 48-hour path's deadline is the later of the campaign's and 48 hours after the notice, "
                        + "moved off Fridays, weekends and holidays")
        void laterOfTheTwo(String found, String foundDay, String campaign, String deadline, String deadlineDay) {
            Instant campaignDeadline =
                    LocalDateTime.parse(campaign).atZone(AMSTERDAM).toInstant();
            assertThat(NL.lateFindingDeadline(at(found, foundDay), campaignDeadline))
                    .isEqualTo(at(deadline, deadlineDay));
            assertThat(NL.lateFindingDeadline(at(found, foundDay), null))
                    .isEqualTo(NL.reintroductionDeadline(at(found, foundDay)));
        }

        @Test
        @DisplayName(
                "SEC03-4.1, SEC03-5.5: a final warning sent less than 24 hours before the deadline puts the earliest "
                        + "suspension 24 hours after it")
        void earliestSuspension() {
            Instant deadline = at("2027-01-13T10:00", "WEDNESDAY");
            assertThat(NL.earliestSuspension(deadline, at("2027-01-12T10:00", "TUESDAY")))
                    .isEqualTo(deadline);
            assertThat(NL.earliestSuspension(deadline, at("2027-01-14T15:00", "THURSDAY")))
                    .isEqualTo(at("2027-01-15T15:00", "FRIDAY"));
        }

        @Test
        @DisplayName(
                "SEC03-4.3, SEC03-4.1.1: an extended re-introduction gets its own final warning 24 hours before the new deadline")
        void extendedReintroduction() {
            Instant notice = at("2027-01-11T10:00", "MONDAY");
            List<PlannedStep> steps =
                    NL.caseSteps(CasePath.REINTRODUCTION, 2, 2, notice, at("2027-01-18T10:00", "MONDAY"));
            assertThat(names(steps))
                    .containsExactly("r2/reintroduction", "r2/check", "r2/d2/final-warning", "r2/d2/deadline");
            assertThat(times(steps))
                    .containsExactlyElementsOf(
                            locals("2027-01-11T10:00", "2027-01-12T10:00", "2027-01-17T10:00", "2027-01-18T10:00"));
        }

        @Test
        @DisplayName(
                "SEC03-2.5, SEC03-4.1, SEC03-5.4: for every advisory hour of 2026 and 2027, a ticket, at least one reminder, "
                        + "and the final warning 24 hours before the deadline")
        void everyAdvisoryOfTwoYears() {
            for (Instant advisoryAt = at("2026-01-01T00:00", "THURSDAY");
                    advisoryAt.isBefore(at("2028-01-01T00:00", "SATURDAY"));
                    advisoryAt = advisoryAt.plus(Duration.ofHours(1))) {
                Instant deadline = NL.deadline(advisoryAt);
                List<PlannedStep> steps =
                        NL.caseSteps(CasePath.ADVISORY, 1, 1, NL.ticketOpening(deadline, advisoryAt), deadline);
                String what = "advisory " + advisoryAt.atZone(AMSTERDAM) + ": " + steps;
                List<String> names = names(steps);
                assertThat(names.get(0)).as(what).isEqualTo("r1/ticket");
                assertThat(names.subList(1, names.size() - 2))
                        .as(what)
                        .isNotEmpty()
                        .allMatch(name -> name.startsWith("r1/reminder-"));
                assertThat(names.subList(names.size() - 2, names.size()))
                        .as(what)
                        .containsExactly("r1/d1/final-warning", "r1/d1/deadline");
                assertThat(steps.get(steps.size() - 2).due()).as(what).isEqualTo(deadline.minus(Duration.ofHours(24)));
                for (int i = 1; i < steps.size(); i++) {
                    assertThat(steps.get(i).due())
                            .as(what)
                            .isAfter(steps.get(i - 1).due());
                }
            }
        }
    }
}
