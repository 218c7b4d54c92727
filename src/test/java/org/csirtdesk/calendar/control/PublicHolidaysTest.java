package org.csirtdesk.calendar.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The holiday calendar SEC03-2.3b counts with: Jollyday's public holidays of a country, plus closure days. */
class PublicHolidaysTest {

    private static final PublicHolidays NL = new PublicHolidays("NL", new String[0], Set.of());

    /** Every day of a year that the calendar says is a holiday. */
    private static List<LocalDate> holidaysOf(PublicHolidays calendar, int year) {
        return Stream.iterate(LocalDate.of(year, 1, 1), day -> day.getYear() == year, day -> day.plusDays(1))
                .filter(calendar)
                .toList();
    }

    @Test
    @DisplayName("SEC03-2.3b: the Netherlands' public holidays of 2026, as Jollyday gives them")
    void netherlands2026() {
        assertThat(holidaysOf(NL, 2026))
                .containsExactly(
                        LocalDate.parse("2026-01-01"), // New Year
                        LocalDate.parse("2026-04-05"), // Easter Sunday
                        LocalDate.parse("2026-04-06"), // Easter Monday
                        LocalDate.parse("2026-04-27"), // King's Day, a Monday
                        LocalDate.parse("2026-05-05"), // Liberation Day, every year since 1990 in Jollyday
                        LocalDate.parse("2026-05-14"), // Ascension
                        LocalDate.parse("2026-05-24"), // Whit Sunday
                        LocalDate.parse("2026-05-25"), // Whit Monday
                        LocalDate.parse("2026-12-25"), // Christmas, a Friday
                        LocalDate.parse("2026-12-26")); // Boxing Day, a Saturday
    }

    @Test
    @DisplayName("SEC03-2.3b: the Netherlands' public holidays of 2027, as Jollyday gives them")
    void netherlands2027() {
        assertThat(holidaysOf(NL, 2027))
                .containsExactly(
                        LocalDate.parse("2027-01-01"), // New Year, a Friday
                        LocalDate.parse("2027-03-28"), // Easter Sunday, also the spring daylight-saving change
                        LocalDate.parse("2027-03-29"), // Easter Monday
                        LocalDate.parse("2027-04-27"), // King's Day, a Tuesday
                        LocalDate.parse("2027-05-05"), // Liberation Day, a Wednesday
                        LocalDate.parse("2027-05-06"), // Ascension, a Thursday
                        LocalDate.parse("2027-05-16"), // Whit Sunday
                        LocalDate.parse("2027-05-17"), // Whit Monday
                        LocalDate.parse("2027-12-25"),
                        LocalDate.parse("2027-12-26"));
        assertThat(LocalDate.parse("2027-03-29").getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(LocalDate.parse("2027-04-27").getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    }

    @Test
    @DisplayName("SEC03-2.3b: Good Friday is only an observance in the Netherlands, not a public holiday")
    void goodFridayIsNoPublicHoliday() {
        assertThat(NL.test(LocalDate.parse("2026-04-03"))).isFalse();
        assertThat(NL.test(LocalDate.parse("2027-03-26"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b: King's Day on a Sunday is kept on the Saturday before")
    void kingsDayOnASunday() {
        assertThat(LocalDate.parse("2025-04-27").getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(NL.test(LocalDate.parse("2025-04-26"))).isTrue();
        assertThat(NL.test(LocalDate.parse("2025-04-27"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b: a holiday that falls on a weekend counts on the weekday it is taken (UK Christmas 2027)")
    void substituteDayOff() {
        PublicHolidays uk = new PublicHolidays("GB", new String[0], Set.of());
        assertThat(LocalDate.parse("2027-12-25").getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(uk.test(LocalDate.parse("2027-12-27")))
                .as("Christmas, taken on Monday")
                .isTrue();
        assertThat(uk.test(LocalDate.parse("2027-12-28")))
                .as("Boxing Day, taken on Tuesday")
                .isTrue();
        assertThat(uk.test(LocalDate.parse("2027-12-29"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b: a holiday taken in the year before its own (US New Year 2022 on 31 December 2021)")
    void dayOffInTheYearBefore() {
        PublicHolidays us = new PublicHolidays("US", new String[0], Set.of());
        assertThat(us.test(LocalDate.parse("2021-12-31"))).isTrue();
        assertThat(us.test(LocalDate.parse("2021-12-24")))
                .as("Christmas 2021, a Saturday, taken on Friday")
                .isTrue();
        assertThat(us.test(LocalDate.parse("2021-12-30"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b: the CSIRT's closure days count as holidays, alongside the public ones")
    void closureDays() {
        PublicHolidays withClosure = new PublicHolidays(
                "NL", new String[0], Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-31")));
        assertThat(holidaysOf(withClosure, 2026))
                .endsWith(
                        LocalDate.parse("2026-12-24"),
                        LocalDate.parse("2026-12-25"),
                        LocalDate.parse("2026-12-26"),
                        LocalDate.parse("2026-12-31"));
        assertThat(withClosure.test(LocalDate.parse("2027-01-01"))).isTrue();
        assertThat(NL.test(LocalDate.parse("2026-12-24"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b: the same answers however often a year is asked, and for years asked out of order")
    void yearsAreCachedIndependently() {
        PublicHolidays calendar = new PublicHolidays("nl", new String[0], Set.of());
        assertThat(calendar.test(LocalDate.parse("2027-04-27"))).isTrue();
        assertThat(calendar.test(LocalDate.parse("2026-04-27"))).isTrue();
        assertThat(calendar.test(LocalDate.parse("2027-04-27"))).isTrue();
        assertThat(calendar.test(LocalDate.parse("2026-04-28"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b: a region adds its own holidays to the country's (Bavaria's Epiphany)")
    void region() {
        PublicHolidays bavaria = new PublicHolidays("DE", new String[] {"by"}, Set.of());
        PublicHolidays berlin = new PublicHolidays("DE", new String[] {"be"}, Set.of());
        assertThat(bavaria.test(LocalDate.parse("2027-01-06"))).isTrue();
        assertThat(berlin.test(LocalDate.parse("2027-01-06"))).isFalse();
        assertThat(bavaria.test(LocalDate.parse("2027-01-01"))).isTrue();
    }

    @Test
    @DisplayName("SEC03-2.3b: a country Jollyday does not know is refused when the calendar is configured")
    void unknownCountry() {
        assertThatThrownBy(() -> new PublicHolidays("XX", new String[0], Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no holiday calendar for country 'XX'");
    }
}
