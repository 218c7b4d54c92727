package org.csirtdesk.calendar.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** Dutch holidays of 2026 that matter below: King's Day (Monday), Christmas (Friday) and the CSIRT's closure day. */
    private static final Set<LocalDate> DAYS_OFF =
            Set.of(LocalDate.of(2026, 4, 27), LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25));

    private final WorkingDays days = new WorkingDays(
            new CsirtCalendar(AMSTERDAM, DAYS_OFF::contains), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 31));

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(AMSTERDAM).toInstant();
    }

    @Test
    void withinOneWorkingDayItIsTheShareOfTheDay() {
        assertThat(days.between(local("2026-11-23T09:00"), local("2026-11-23T15:00")))
                .isCloseTo(0.25, within(1e-9));
        assertThat(days.between(local("2026-11-23T09:00"), local("2026-11-23T09:00")))
                .isZero();
    }

    @Test
    void aWholeWorkingWeekIsFiveAndTheWeekendCountsNothing() {
        assertThat(days.between(local("2026-11-23T00:00"), local("2026-11-30T00:00")))
                .isCloseTo(5, within(1e-9));
        assertThat(days.between(local("2026-11-28T08:00"), local("2026-11-29T20:00")))
                .isZero();
        // Friday 18:00 to Monday 06:00: the last quarter of Friday and the first quarter of Monday.
        assertThat(days.between(local("2026-11-27T18:00"), local("2026-11-30T06:00")))
                .isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aReportOnSaturdayAnsweredMondayAtNineTookThreeEighthsOfADay() {
        assertThat(days.between(local("2026-11-28T23:00"), local("2026-11-30T09:00")))
                .isCloseTo(0.375, within(1e-9));
    }

    @Test
    void publicHolidaysAndClosureDaysCountNothing() {
        // Thursday 23 December 12:00 to Monday 28 December 12:00: half of the 23rd, the 24th, 25th and the weekend off.
        assertThat(days.between(local("2026-12-23T12:00"), local("2026-12-28T12:00")))
                .isCloseTo(1, within(1e-9));
        // King's Day, Monday 27 April 2026: Friday noon to Tuesday noon is one working day.
        assertThat(days.between(local("2026-04-24T12:00"), local("2026-04-28T12:00")))
                .isCloseTo(1, within(1e-9));
    }

    @Test
    void weeksAcrossTheDaylightSavingChangesAreFiveWorkingDays() {
        // Amsterdam changes on Sundays (29 March, 25 October 2026): the working days around them are whole.
        assertThat(days.between(local("2026-03-26T00:00"), local("2026-04-02T00:00")))
                .isCloseTo(5, within(1e-9));
        assertThat(days.between(local("2026-10-22T00:00"), local("2026-10-29T00:00")))
                .isCloseTo(5, within(1e-9));
    }

    @Test
    void aWorkingDayOf23Or25HoursCountsOneAndItsHalfIsHalfItsHours() {
        // Cairo changes on weekdays: Friday 24 April 2026 has 23 hours, Thursday 29 October 25.
        ZoneId cairo = ZoneId.of("Africa/Cairo");
        WorkingDays egypt = new WorkingDays(
                new CsirtCalendar(cairo, day -> false), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 10, 31));
        for (LocalDate day : new LocalDate[] {LocalDate.of(2026, 4, 24), LocalDate.of(2026, 10, 29)}) {
            Instant start = day.atStartOfDay(cairo).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(cairo).toInstant();
            long hours = Duration.between(start, end).toHours();
            assertThat(hours).isIn(23L, 25L);
            assertThat(egypt.between(start, end)).isCloseTo(1, within(1e-9));
            assertThat(egypt.between(
                            start, start.plus(Duration.between(start, end).dividedBy(2))))
                    .isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void theCalendarsZoneDecidesWhichDayAnInstantIsOn() {
        // Sunday 22:30 UTC is Sunday 23:30 in Amsterdam (winter time): nothing; Monday 00:30 UTC is 01:30 on Monday.
        assertThat(days.between(Instant.parse("2026-11-29T22:30:00Z"), Instant.parse("2026-11-30T00:30:00Z")))
                .isCloseTo(1.5 / 24, within(1e-9));
        // In summer Amsterdam is UTC+2: Friday 21:00 UTC is already 23:00, an hour before the weekend.
        assertThat(days.between(Instant.parse("2026-06-05T21:00:00Z"), Instant.parse("2026-06-05T22:00:00Z")))
                .isCloseTo(1 / 24.0, within(1e-9));
        assertThat(days.between(Instant.parse("2026-06-05T22:00:00Z"), Instant.parse("2026-06-06T22:00:00Z")))
                .isZero();
    }

    @Test
    void longDurationsAreTheCountOfWorkingDays() {
        // 2026: 261 weekdays less King's Day, 24 and 25 December (Ascension and the others are not in this calendar).
        assertThat(days.between(local("2026-01-01T00:00"), local("2027-01-01T00:00")))
                .isCloseTo(258, within(1e-9));
    }

    @Test
    void refusesAnEndBeforeTheStartAndInstantsOutsideItsDays() {
        assertThatThrownBy(() -> days.between(local("2026-11-24T09:00"), local("2026-11-23T09:00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before start");
        assertThatThrownBy(() -> days.between(local("2025-12-31T09:00"), local("2026-01-02T09:00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the table");
        assertThatThrownBy(() -> new WorkingDays(
                        new CsirtCalendar(AMSTERDAM, d -> false), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
