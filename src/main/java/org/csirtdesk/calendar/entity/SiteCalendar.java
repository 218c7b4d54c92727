package org.csirtdesk.calendar.entity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Predicate;

/**
 * The calendar a site's working hours count in: its time zone and public holidays, and where each came from.
 * GOCDB gives a site's zone and country; a site without a (valid) zone is counted in the CSIRT's zone, one whose
 * country Jollyday has no calendar for has no public holidays (weekends and the hours still apply).
 */
public record SiteCalendar(ZoneId zone, boolean zoneFromRegistry, String holidaysOf, Predicate<LocalDate> holiday) {

    public boolean isHoliday(LocalDate day) {
        return holiday.test(day);
    }

    /** E.g. "Europe/Ljubljana (GOCDB), holidays of SI" or "Europe/Amsterdam (the CSIRT's; GOCDB gives none), no holidays". */
    public String describe() {
        return zone.getId() + (zoneFromRegistry ? " (GOCDB)" : " (the CSIRT's; GOCDB gives none)") + ", "
                + (holidaysOf == null
                        ? "no public holidays (no calendar for the site's country)"
                        : "public holidays of " + holidaysOf);
    }
}
