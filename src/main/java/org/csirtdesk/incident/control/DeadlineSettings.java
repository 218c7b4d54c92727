package org.csirtdesk.incident.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.csirtdesk.campaign.control.PublicHolidays;
import org.csirtdesk.incident.entity.DeadlineKind;
import org.csirtdesk.incident.entity.SiteCalendar;
import org.csirtdesk.incident.entity.WorkingHours;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.site.entity.Site;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SEC01-deadlines' configuration: the working hours an answer to a CSIRT request counts in, how long before each
 * deadline its reminder goes to the site, and each site's calendar (zone and holidays from its GOCDB entry).
 */
@ApplicationScoped
public class DeadlineSettings {

    @Inject
    ApplicationClock clock;

    @Inject
    @ConfigProperty(name = "csirt.sec01.working-hours", defaultValue = "09:00-17:00 Mon-Fri")
    String workingHoursText;

    @Inject
    @ConfigProperty(name = "csirt.sec01.remind-before.report", defaultValue = "PT1H")
    Duration reportLead;

    @Inject
    @ConfigProperty(name = "csirt.sec01.remind-before.isolation", defaultValue = "PT4H")
    Duration isolationLead;

    @Inject
    @ConfigProperty(name = "csirt.sec01.remind-before.downtime", defaultValue = "PT4H")
    Duration downtimeLead;

    /** Working time: the reminder goes when this much of the answer's working hours is left. */
    @Inject
    @ConfigProperty(name = "csirt.sec01.remind-before.answer", defaultValue = "PT1H")
    Duration answerLead;

    @Inject
    @ConfigProperty(name = "csirt.sec01.remind-before.closure-report", defaultValue = "P7D")
    Duration closureReportLead;

    private WorkingHours workingHours;
    private final Map<String, Optional<PublicHolidays>> holidaysByCountry = new ConcurrentHashMap<>();

    @PostConstruct
    void check() {
        try {
            workingHours = WorkingHours.parse(workingHoursText);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("csirt.sec01.working-hours: " + e.getMessage(), e);
        }
        for (Map.Entry<DeadlineKind, Duration> lead : leads().entrySet()) {
            if (lead.getValue().isNegative()) {
                throw new IllegalStateException("csirt.sec01.remind-before." + lead.getKey().slug() + " cannot be negative: "
                        + lead.getValue() + " (PT0S sends no reminder)");
            }
        }
    }

    private Map<DeadlineKind, Duration> leads() {
        return Map.of(DeadlineKind.REPORT, reportLead, DeadlineKind.ISOLATION, isolationLead, DeadlineKind.DOWNTIME, downtimeLead,
                DeadlineKind.ANSWER, answerLead, DeadlineKind.CLOSURE_REPORT, closureReportLead);
    }

    public WorkingHours workingHours() {
        return workingHours;
    }

    /** How long before the deadline its reminder goes; zero for none. For an answer, working time. */
    public Duration remindBefore(DeadlineKind kind) {
        return leads().get(kind);
    }

    /**
     * The site's calendar: the zone GOCDB gives (the CSIRT's zone when it gives none or one Java does not know) and
     * the public holidays of its country (none when Jollyday has no calendar for it). Holidays are computed per
     * country once.
     */
    public SiteCalendar calendarOf(Optional<Site> site) {
        Optional<ZoneId> zone = site.map(Site::timeZone).filter(id -> !id.isBlank()).flatMap(DeadlineSettings::zone);
        Optional<String> country = site.map(Site::countryCode).filter(code -> code != null && !code.isBlank())
                .map(String::strip).filter(PublicHolidays::knows);
        Optional<PublicHolidays> holidays = country.flatMap(code -> holidaysByCountry.computeIfAbsent(code.toUpperCase(),
                known -> Optional.of(new PublicHolidays(known, new String[0], Set.of()))));
        return new SiteCalendar(zone.orElse(clock.getZone()), zone.isPresent(), holidays.isPresent() ? country.get().toUpperCase() : null,
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
