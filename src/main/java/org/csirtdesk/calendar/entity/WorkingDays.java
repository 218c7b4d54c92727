package org.csirtdesk.calendar.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Elapsed working time between two instants, in working days of the CSIRT's calendar: each working day (Monday to
 * Friday, not a public holiday or closure day) counts 1 in full, in proportion for the part of it that lies between
 * the instants; weekends and holidays count nothing. A day is the CSIRT's local calendar day, so a working day of 23
 * or 25 hours (the daylight-saving changes) still counts 1.
 *
 * <p>The calendar and the zone's rules are asked once per day of the table's range, when the table is made: the
 * instant each day starts and a working-day count before it (a prefix sum). A duration is then two binary searches
 * and a division, however long it is.
 */
public final class WorkingDays {

    private final ZoneId zone;
    private final LocalDate first;
    private final boolean[] working;
    /** workingBefore[i]: the working days from {@code first} up to, not including, day i. */
    private final int[] workingBefore;
    /** dayStart[i]: the epoch second day i starts at in the zone; dayStart[days] is the end of the last day. */
    private final long[] dayStart;

    /** A table for durations whose instants fall, in the calendar's zone, on the days from first to last. */
    public WorkingDays(CsirtCalendar calendar, LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last day " + last + " is before the first " + first);
        }
        this.zone = calendar.zone();
        this.first = first;
        int days = Math.toIntExact(ChronoUnit.DAYS.between(first, last)) + 1;
        working = new boolean[days];
        workingBefore = new int[days + 1];
        dayStart = new long[days + 1];
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            working[i] = calendar.isWorkingDay(day);
            workingBefore[i + 1] = workingBefore[i] + (working[i] ? 1 : 0);
            dayStart[i] = day.atStartOfDay(zone).toEpochSecond();
        }
        dayStart[days] = last.plusDays(1).atStartOfDay(zone).toEpochSecond();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The working days from {@code start} to {@code end}; {@code end} must not be before {@code start}. */
    public double between(Instant start, Instant end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        return position(end) - position(start);
    }

    /** The working days from the table's first day's start up to the instant. */
    private double position(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < dayStart[0] || second >= dayStart[working.length]) {
            throw new IllegalArgumentException(instant + " is outside the table's days " + first + " to "
                    + first.plusDays(working.length - 1L) + " in " + zone);
        }
        int found = Arrays.binarySearch(dayStart, second);
        int i = found >= 0 ? found : -found - 2;
        if (!working[i]) {
            return workingBefore[i];
        }
        double intoDay = (second - dayStart[i]) + instant.getNano() / 1e9;
        return workingBefore[i] + intoDay / (dayStart[i + 1] - dayStart[i]);
    }
}
