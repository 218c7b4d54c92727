package org.csirtdesk.calendar.entity;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Predicate;

/**
 * The CSIRT's calendar: its time zone and the days it does not work (weekends, the public holidays of its
 * country, its own closure days). SEC03 counts days in this zone.
 */
public record CsirtCalendar(ZoneId zone, Predicate<LocalDate> holiday) {

    public boolean isHoliday(LocalDate day) {
        return holiday.test(day);
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !isHoliday(day);
    }

    /**
     * A day a deadline may fall on (SEC03-2.3b): a working day that is not a Friday, so that a suspension never
     * lands on a weekend.
     */
    public boolean isDeadlineDay(LocalDate day) {
        return isWorkingDay(day) && day.getDayOfWeek() != DayOfWeek.FRIDAY;
    }
}
