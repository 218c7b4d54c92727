package org.csirtdesk.campaign.control;

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

/**
 * The public holidays of a country (and region) from Jollyday's calendars, plus the CSIRT's own closure days.
 * A year's holidays are computed once and kept: a schedule asks about the same few weeks over and over.
 */
final class PublicHolidays implements Predicate<LocalDate> {

    private final HolidayManager manager;
    private final String[] region;
    private final Set<LocalDate> closureDays;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    PublicHolidays(String country, String[] region, Set<LocalDate> closureDays) {
        if (!HolidayManager.getSupportedCalendarCodes().contains(country.toUpperCase())
                && !HolidayManager.getSupportedCalendarCodes().contains(country.toLowerCase())) {
            throw new IllegalArgumentException("no holiday calendar for country '" + country + "'; known: "
                    + HolidayManager.getSupportedCalendarCodes());
        }
        this.manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        this.region = region.clone();
        this.closureDays = Set.copyOf(closureDays);
    }

    @Override
    public boolean test(LocalDate day) {
        return closureDays.contains(day) || byYear.computeIfAbsent(day.getYear(), year -> manager
                .getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, region).stream()
                .map(Holiday::getActualDate).collect(Collectors.toUnmodifiableSet())).contains(day);
    }
}
