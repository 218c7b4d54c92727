package org.csirtdesk.calendar.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.csirtdesk.calendar.control.PublicHolidays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SEC01's "4 working hours" in the site's calendar: its zone from GOCDB and its country's public holidays. */
class WorkingHoursTest {

    private static final WorkingHours HOURS = WorkingHours.parse("09:00-17:00 Mon-Fri");
    private static final Duration FOUR = Duration.ofHours(4);
    private static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final SiteCalendar SLOVENIA = calendar(LJUBLJANA, "SI");
    private static final SiteCalendar NETHERLANDS = calendar(AMSTERDAM, "NL");

    private static SiteCalendar calendar(ZoneId zone, String country) {
        return new SiteCalendar(zone, true, country, new PublicHolidays(country, new String[0], Set.of()));
    }

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    @DisplayName(
            "SEC01-deadlines: a request on Friday at 16:00 is due on Monday at 12:00 (1 working hour on Friday, 3 on Monday)")
    void fridayAfternoon() {
        assertThat(HOURS.plus(at("2026-11-20T16:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2026-11-23T12:00", LJUBLJANA));
    }

    @Test
    @DisplayName("SEC01-deadlines: a request out of hours counts from the next working morning")
    void outOfHours() {
        assertThat(HOURS.plus(at("2026-11-21T11:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2026-11-23T13:00", LJUBLJANA));
        assertThat(HOURS.plus(at("2026-11-23T06:30", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2026-11-23T13:00", LJUBLJANA));
        assertThat(HOURS.plus(at("2026-11-23T17:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2026-11-24T13:00", LJUBLJANA));
        assertThat(HOURS.plus(at("2026-11-23T13:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2026-11-23T17:00", LJUBLJANA));
    }

    @Test
    @DisplayName(
            "SEC01-deadlines: the public holidays of the site's country: Preseren Day (8 February) counts in Slovenia, not in the Netherlands")
    void holidaysOfTheSitesCountry() {
        assertThat(SLOVENIA.isHoliday(java.time.LocalDate.of(2027, 2, 8))).isTrue();
        assertThat(HOURS.plus(at("2027-02-05T16:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2027-02-09T12:00", LJUBLJANA));
        assertThat(HOURS.plus(at("2027-02-05T16:00", AMSTERDAM), FOUR, NETHERLANDS))
                .isEqualTo(at("2027-02-08T12:00", AMSTERDAM));
        // Christmas in Slovenia: the 25th and the 26th (Independence and Unity Day), then the weekend.
        assertThat(HOURS.plus(at("2026-12-24T15:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(at("2026-12-28T11:00", LJUBLJANA));
    }

    @Test
    @DisplayName("SEC01-deadlines: a site in another time zone than the CSIRT counts its own hours")
    void anotherTimeZone() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        SiteCalendar us = calendar(chicago, "US");
        Instant request = Instant.parse("2026-11-23T15:00:00Z");
        // 09:00 in Chicago: the whole answer fits in the site's Monday; in Amsterdam it is 16:00 and runs into Tuesday.
        assertThat(HOURS.plus(request, FOUR, us)).isEqualTo(Instant.parse("2026-11-23T19:00:00Z"));
        assertThat(HOURS.plus(request, FOUR, NETHERLANDS)).isEqualTo(at("2026-11-24T12:00", AMSTERDAM));
        // Thanksgiving (26 November 2026) is a holiday of the site, not of the CSIRT.
        assertThat(HOURS.plus(at("2026-11-25T15:00", chicago), FOUR, us)).isEqualTo(at("2026-11-27T11:00", chicago));
    }

    @Test
    @DisplayName(
            "SEC01-deadlines: DST weeks: the hours follow the local clocks, in Europe and in America on their own dates")
    void daylightSavingWeeks() {
        // Europe leaves summer time on Sunday 25 October 2026: Friday 16:00 CEST is 14:00Z, Monday 12:00 CET is 11:00Z.
        assertThat(HOURS.plus(at("2026-10-23T16:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(Instant.parse("2026-10-26T11:00:00Z"));
        // ... and enters it on Sunday 28 March 2027, Easter: Friday 16:00 CET is 15:00Z; Easter Monday is a holiday, so
        // Tuesday 12:00 CEST, 10:00Z.
        assertThat(HOURS.plus(at("2027-03-26T16:00", LJUBLJANA), FOUR, SLOVENIA))
                .isEqualTo(Instant.parse("2027-03-30T10:00:00Z"));
        // New York stays on summer time a week longer (until 1 November 2026): its 09:00 is 13:00Z that Monday.
        SiteCalendar newYork = calendar(ZoneId.of("America/New_York"), "US");
        assertThat(HOURS.plus(Instant.parse("2026-10-26T13:00:00Z"), FOUR, newYork))
                .isEqualTo(Instant.parse("2026-10-26T17:00:00Z"));
        assertThat(HOURS.plus(Instant.parse("2026-11-02T13:00:00Z"), FOUR, newYork))
                .isEqualTo(Instant.parse("2026-11-02T18:00:00Z"));
    }

    @Test
    @DisplayName(
            "Working hours are read as 09:00-17:00 Mon-Fri; a range of days may wrap; a wrong one is refused with the format")
    void parse() {
        assertThat(HOURS)
                .isEqualTo(
                        new WorkingHours(LocalTime.of(9, 0), LocalTime.of(17, 0), DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(HOURS.toString()).isEqualTo("09:00-17:00 Mon-Fri");
        WorkingHours sundayToThursday = WorkingHours.parse("08:00-16:00 Sun-Thu");
        assertThat(sundayToThursday.isWorkingDay(java.time.LocalDate.of(2026, 11, 22), NETHERLANDS))
                .isTrue();
        assertThat(sundayToThursday.isWorkingDay(java.time.LocalDate.of(2026, 11, 27), NETHERLANDS))
                .isFalse();
        assertThatThrownBy(() -> WorkingHours.parse("9-5")).hasMessageContaining("09:00-17:00 Mon-Fri");
        assertThatThrownBy(() -> WorkingHours.parse("17:00-09:00 Mon-Fri")).hasMessageContaining("start before");
        assertThatThrownBy(() -> WorkingHours.parse("09:00-17:00 Mon-Fry")).hasMessageContaining("Fry");
    }
}
