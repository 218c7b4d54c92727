package org.csirtdesk.campaign.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.csirtdesk.calendar.entity.CsirtCalendar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SEC03 delays are configuration with the procedure's values as defaults, and the calendar is any set of
 * days off. (The rules on the Netherlands' real calendar are in control/DutchTimelineTest.)
 */
class TimelineSettingsTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final CsirtCalendar NO_HOLIDAYS = new CsirtCalendar(AMSTERDAM, day -> false);

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(AMSTERDAM).toInstant();
    }

    @Test
    @DisplayName(
            "SEC03-2.3b, SEC03-2.4, SEC03-2.6, SEC03-3.1: the defaults are 7 days, tickets 3 days before, the final "
                    + "warning 24 hours before, 48 hours for a re-introduction with its check after 24")
    void defaults() {
        assertThat(ProcedureTimes.SEC03)
                .isEqualTo(new ProcedureTimes(7, 3, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(24)));
    }

    @Test
    @DisplayName("SEC03-2.4: tickets open at least a day before the deadline and after the advisory")
    void ticketDaysWithinTheWeek() {
        assertThatThrownBy(() ->
                        new ProcedureTimes(7, 7, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 6 days");
        assertThatThrownBy(() ->
                        new ProcedureTimes(7, 0, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new ProcedureTimes(0, 0, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName(
            "SEC03-3.2: the re-introduction's check comes before its deadline; the final warning is not after the deadline")
    void checkBeforeDeadline() {
        assertThatThrownBy(() ->
                        new ProcedureTimes(7, 3, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(48)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check comes before");
        assertThatThrownBy(() ->
                        new ProcedureTimes(7, 3, Duration.ofHours(-1), Duration.ofHours(48), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("SEC03-2.3b: a Friday is a working day but no deadline day; weekends and days off are neither")
    void calendarDays() {
        CsirtCalendar calendar = new CsirtCalendar(AMSTERDAM, Set.of(LocalDate.parse("2027-01-12"))::contains);
        assertThat(calendar.isDeadlineDay(LocalDate.parse("2027-01-11"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-12"))).isFalse();
        assertThat(calendar.isDeadlineDay(LocalDate.parse("2027-01-12"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-15"))).isTrue();
        assertThat(calendar.isDeadlineDay(LocalDate.parse("2027-01-15"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-16"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-17"))).isFalse();
    }

    @Test
    @DisplayName("SEC03-2.3b, SEC03-2.4: configured delays are honoured: 10 days to act, tickets 4 days before")
    void configuredDelays() {
        Timeline timeline = new Timeline(
                NO_HOLIDAYS,
                new ProcedureTimes(10, 4, Duration.ofHours(48), Duration.ofHours(72), Duration.ofHours(24)));
        Instant advisory = at("2027-01-04T10:00");
        Instant deadline = timeline.deadline(advisory);
        assertThat(deadline).as("Thursday 14 January").isEqualTo(at("2027-01-14T10:00"));
        assertThat(timeline.ticketOpening(deadline, advisory))
                .as("Sunday 10 → Friday 8")
                .isEqualTo(at("2027-01-08T10:00"));
        assertThat(timeline.finalWarning(deadline)).isEqualTo(at("2027-01-12T10:00"));
        assertThat(timeline.reintroductionDeadline(at("2027-01-11T10:00")))
                .as("72 hours: Thursday")
                .isEqualTo(at("2027-01-14T10:00"));
    }

    @Test
    @DisplayName(
            "SEC03-2.3b: the calendar's zone decides the day: 23:30 UTC on a Thursday is already Friday in Amsterdam")
    void zoneDecidesTheDay() {
        Timeline timeline = new Timeline(NO_HOLIDAYS, ProcedureTimes.SEC03);
        Instant thursdayUtcFridayAmsterdam = Instant.parse("2027-01-07T23:30:00Z");
        assertThat(timeline.deadline(thursdayUtcFridayAmsterdam)).isEqualTo(at("2027-01-18T00:30"));
        Timeline utc = new Timeline(new CsirtCalendar(ZoneId.of("UTC"), day -> false), ProcedureTimes.SEC03);
        assertThat(utc.deadline(thursdayUtcFridayAmsterdam)).isEqualTo(Instant.parse("2027-01-14T23:30:00Z"));
    }
}
