package org.csirtdesk.calendar.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.csirtdesk.calendar.entity.CsirtCalendar;
import org.csirtdesk.calendar.entity.SiteCalendar;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The calendars the procedures count days and hours in: the CSIRT's (its time zone, the public holidays of its
 * country and region, its closure days) and each site's (its zone and its country's public holidays). The one reader
 * of {@code csirt.timezone} and {@code csirt.holidays.*}: whoever needs the CSIRT's zone or working days asks here.
 */
@ApplicationScoped
public class Calendars {

    @Inject
    @ConfigProperty(name = "csirt.timezone")
    String zone;

    @Inject
    @ConfigProperty(name = "csirt.holidays.country", defaultValue = "NL")
    String country;

    @Inject
    @ConfigProperty(name = "csirt.holidays.region")
    Optional<String> region;

    @Inject
    @ConfigProperty(name = "csirt.holidays.closure-days")
    Optional<String> closureDays;

    private CsirtCalendar csirt;
    private final Map<String, PublicHolidays> holidaysByCountry = new ConcurrentHashMap<>();

    @PostConstruct
    void read() {
        ZoneId csirtZone = zone(zone)
                .orElseThrow(() -> new IllegalStateException(
                        "csirt.timezone must be a time zone such as " + "Europe/Amsterdam, not '" + zone + "'"));
        String[] regions = region.map(r -> r.split("[/,]")).orElse(new String[0]);
        csirt = new CsirtCalendar(
                csirtZone,
                new PublicHolidays(
                        country, Arrays.stream(regions).map(String::strip).toArray(String[]::new), closureDays()));
    }

    private Set<LocalDate> closureDays() {
        try {
            return closureDays
                    .map(days -> Arrays.stream(days.split(","))
                            .map(String::strip)
                            .filter(day -> !day.isEmpty())
                            .map(LocalDate::parse)
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(
                    "csirt.holidays.closure-days must list dates as 2026-12-24,2026-12-31: " + e.getMessage(), e);
        }
    }

    /** The CSIRT's calendar: SEC03's days, the activity report's working days, the day of an incident's tag. */
    public CsirtCalendar csirt() {
        return csirt;
    }

    /** The CSIRT's time zone. */
    public ZoneId zone() {
        return csirt.zone();
    }

    /**
     * A site's calendar from what the site registry says of it: its zone (the CSIRT's when it gives none or one Java
     * does not know) and the public holidays of its country (none when Jollyday has no calendar for it). Holidays
     * are computed per country once.
     */
    public SiteCalendar ofSite(String siteZone, String countryCode) {
        Optional<ZoneId> siteZoneId =
                Optional.ofNullable(siteZone).filter(id -> !id.isBlank()).flatMap(Calendars::zone);
        Optional<String> holidaysOf = Optional.ofNullable(countryCode)
                .filter(code -> !code.isBlank())
                .map(String::strip)
                .filter(PublicHolidays::knows)
                .map(String::toUpperCase);
        Optional<PublicHolidays> holidays = holidaysOf.map(code ->
                holidaysByCountry.computeIfAbsent(code, known -> new PublicHolidays(known, new String[0], Set.of())));
        return new SiteCalendar(
                siteZoneId.orElse(zone()),
                siteZoneId.isPresent(),
                holidays.isPresent() ? holidaysOf.get() : null,
                holidays.isPresent() ? holidays.get() : day -> false);
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
