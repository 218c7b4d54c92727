package org.csirtdesk.calendar.control;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The public holidays of a country (and region) from Jollyday's calendars, plus the CSIRT's own closure days.
 * A year's holidays are computed once and kept: a schedule asks about the same few weeks over and over. SEC01's
 * working hours use it for the sites' countries too.
 */
public final class PublicHolidays implements Predicate<LocalDate> {

    private final HolidayManager manager;
    private final String[] region;
    private final Set<LocalDate> closureDays;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    /** Whether Jollyday has a calendar for the country (ISO 3166 code). */
    public static boolean knows(String country) {
        return HolidayManager.getSupportedCalendarCodes().contains(country.toUpperCase())
                || HolidayManager.getSupportedCalendarCodes().contains(country.toLowerCase());
    }

    public PublicHolidays(String country, String[] region, Set<LocalDate> closureDays) {
        if (!knows(country)) {
            throw new IllegalArgumentException("no holiday calendar for country '" + country + "'; known: "
                    + HolidayManager.getSupportedCalendarCodes());
        }
        this.manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        this.region = region.clone();
        this.closureDays = Set.copyOf(closureDays);
    }

    @Override
    public boolean test(LocalDate day) {
        return closureDays.contains(day)
                || byYear.computeIfAbsent(day.getYear(), this::daysOff).contains(day);
    }

    /**
     * The days off of a year. Jollyday's getActualDate is a holiday's nominal date; getDate is the day it is
     * observed, after its moving rules (a UK Christmas on a Saturday is taken on the Monday): that is the day the
     * CSIRT does not work. An observed day can fall in the year before or after (a US New Year on a Saturday is
     * taken on 31 December), so the neighbouring years are asked too.
     */
    private Set<LocalDate> daysOff(int year) {
        return IntStream.rangeClosed(year - 1, year + 1)
                .mapToObj(y -> manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY, region))
                .flatMap(Set::stream)
                .map(Holiday::getDate)
                .filter(date -> date.getYear() == year)
                .collect(Collectors.toUnmodifiableSet());
    }
}
