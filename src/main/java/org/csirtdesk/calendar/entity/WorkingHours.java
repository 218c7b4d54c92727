package org.csirtdesk.calendar.entity;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normal local working hours (SEC01: "all times in this document refer to normal local working hours"), such as
 * {@code 09:00-17:00 Mon-Fri}: the same hours on a range of weekdays, holidays excepted. Working time is counted in
 * a site's calendar: its zone and its country's public holidays.
 */
public record WorkingHours(LocalTime start, LocalTime end, DayOfWeek firstDay, DayOfWeek lastDay) {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s+([A-Za-z]{3})\\s*-\\s*([A-Za-z]{3})");
    /** Ten years without a working day means the hours or the holidays are wrong, not that the deadline is far. */
    private static final int LONGEST_SEARCH_DAYS = 3660;

    public WorkingHours {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("working hours must start before they end: " + start + "-" + end);
        }
    }

    /** Reads {@code 09:00-17:00 Mon-Fri} (a range of days may wrap, as in {@code Sun-Thu}). */
    public static WorkingHours parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("working hours look like 09:00-17:00 Mon-Fri, not '" + text + "'");
        }
        try {
            return new WorkingHours(
                    LocalTime.parse(matcher.group(1)),
                    LocalTime.parse(matcher.group(2)),
                    day(matcher.group(3)),
                    day(matcher.group(4)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("working hours look like 09:00-17:00 Mon-Fri: " + e.getMessage(), e);
        }
    }

    private static DayOfWeek day(String abbreviation) {
        return Arrays.stream(DayOfWeek.values())
                .filter(day ->
                        day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + abbreviation + "' is no day (Mon, Tue, ... Sun)"));
    }

    public boolean isWorkingDay(LocalDate day, SiteCalendar calendar) {
        int value = day.getDayOfWeek().getValue();
        boolean weekday = firstDay.getValue() <= lastDay.getValue()
                ? value >= firstDay.getValue() && value <= lastDay.getValue()
                : value >= firstDay.getValue() || value <= lastDay.getValue();
        return weekday && !calendar.isHoliday(day);
    }

    /**
     * The moment {@code work} of working time after {@code from} in the calendar: time outside the hours, on days off
     * and on holidays does not count. Each day's hours are local (a DST change moves them with the clocks); a
     * request made out of hours starts counting when the next working hours begin.
     */
    public Instant plus(Instant from, Duration work, SiteCalendar calendar) {
        if (work.isNegative()) {
            throw new IllegalArgumentException("working time cannot be negative: " + work);
        }
        Duration remaining = work;
        Instant cursor = from;
        LocalDate day = LocalDate.ofInstant(from, calendar.zone());
        for (int searched = 0; searched < LONGEST_SEARCH_DAYS; searched++, day = day.plusDays(1)) {
            if (remaining.isZero()) {
                return cursor;
            }
            if (!isWorkingDay(day, calendar)) {
                continue;
            }
            Instant opens = ZonedDateTime.of(day, start, calendar.zone()).toInstant();
            Instant closes = ZonedDateTime.of(day, end, calendar.zone()).toInstant();
            if (cursor.isBefore(opens)) {
                cursor = opens;
            }
            if (cursor.isBefore(closes)) {
                Duration left = Duration.between(cursor, closes);
                if (remaining.compareTo(left) <= 0) {
                    return cursor.plus(remaining);
                }
                remaining = remaining.minus(left);
                cursor = closes;
            }
        }
        throw new IllegalStateException(
                "no working hours in " + LONGEST_SEARCH_DAYS + " days of " + calendar.describe());
    }

    /**
     * The first moment at or after {@code at} inside the working hours: {@code at} itself during them, else when the
     * next working hours begin.
     */
    public Instant atWork(Instant at, SiteCalendar calendar) {
        LocalDate day = LocalDate.ofInstant(at, calendar.zone());
        for (int searched = 0; searched < LONGEST_SEARCH_DAYS; searched++, day = day.plusDays(1)) {
            if (!isWorkingDay(day, calendar)) {
                continue;
            }
            Instant opens = ZonedDateTime.of(day, start, calendar.zone()).toInstant();
            Instant closes = ZonedDateTime.of(day, end, calendar.zone()).toInstant();
            if (at.isBefore(closes)) {
                return at.isBefore(opens) ? opens : at;
            }
        }
        throw new IllegalStateException(
                "no working hours in " + LONGEST_SEARCH_DAYS + " days of " + calendar.describe());
    }

    /** The working time of one working day ("1 day" of a procedure counted in working hours). */
    public Duration day() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return start + "-" + end + " " + firstDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + "-"
                + lastDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
