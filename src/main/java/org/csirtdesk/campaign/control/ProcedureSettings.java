package org.csirtdesk.campaign.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.csirtdesk.campaign.entity.CsirtCalendar;
import org.csirtdesk.campaign.entity.ProcedureTimes;
import org.csirtdesk.campaign.entity.Timeline;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SEC03's configuration: the CSIRT's calendar (zone, country and region of its public holidays, closure days),
 * the procedure's delays, the addresses its letters go to, and whether a suspension needs the coordinator.
 */
@ApplicationScoped
public class ProcedureSettings {

    @Inject
    ApplicationClock clock;

    @Inject
    CsirtAddresses addresses;

    @Inject
    @ConfigProperty(name = "csirt.holidays.country", defaultValue = "NL")
    String country;

    @Inject
    @ConfigProperty(name = "csirt.holidays.region")
    Optional<String> region;

    @Inject
    @ConfigProperty(name = "csirt.holidays.closure-days")
    Optional<String> closureDays;

    @Inject
    @ConfigProperty(name = "csirt.sec03.advisory-days", defaultValue = "7")
    int advisoryDays;

    @Inject
    @ConfigProperty(name = "csirt.sec03.ticket-days-before", defaultValue = "3")
    int ticketDaysBefore;

    @Inject
    @ConfigProperty(name = "csirt.sec03.final-warning-before", defaultValue = "PT24H")
    Duration finalWarningBefore;

    @Inject
    @ConfigProperty(name = "csirt.sec03.reintroduction-time", defaultValue = "PT48H")
    Duration reintroductionTime;

    @Inject
    @ConfigProperty(name = "csirt.sec03.reintroduction-check", defaultValue = "PT24H")
    Duration reintroductionCheck;

    @Inject
    @ConfigProperty(name = "csirt.coo.address", defaultValue = "coo@egi.eu")
    String coo;

    @Inject
    @ConfigProperty(name = "csirt.sec03.automatic-suspension", defaultValue = "false")
    boolean automaticSuspension;

    private Timeline timeline;

    @PostConstruct
    void read() {
        String[] regions = region.map(r -> r.split("[/,]")).orElse(new String[0]);
        PublicHolidays holidays = new PublicHolidays(country, Arrays.stream(regions).map(String::strip).toArray(String[]::new),
                closureDays());
        timeline = new Timeline(new CsirtCalendar(clock.getZone(), holidays),
                new ProcedureTimes(advisoryDays, ticketDaysBefore, finalWarningBefore, reintroductionTime, reintroductionCheck));
    }

    private Set<LocalDate> closureDays() {
        try {
            return closureDays.map(days -> Arrays.stream(days.split(",")).map(String::strip).filter(day -> !day.isEmpty())
                    .map(LocalDate::parse).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("csirt.holidays.closure-days must list dates as 2026-12-24,2026-12-31: "
                    + e.getMessage(), e);
        }
    }

    public Timeline timeline() {
        return timeline;
    }

    public List<String> securityLists() {
        return List.of(addresses.siteSecurityContacts(), addresses.ngiSecurityContacts());
    }

    public String nocManagers() {
        return addresses.nocManagers();
    }

    public String coo() {
        return coo;
    }

    public String csirtAddress() {
        return addresses.csirt();
    }

    public boolean automaticSuspension() {
        return automaticSuspension;
    }
}
