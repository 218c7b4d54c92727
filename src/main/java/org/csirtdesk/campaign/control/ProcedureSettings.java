package org.csirtdesk.campaign.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.csirtdesk.calendar.control.Calendars;
import org.csirtdesk.campaign.entity.ProcedureTimes;
import org.csirtdesk.campaign.entity.Timeline;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SEC03's configuration: the procedure's delays on the CSIRT's calendar ({@link Calendars}), the addresses its letters go to, and whether a suspension needs the coordinator.
 */
@ApplicationScoped
public class ProcedureSettings {

    @Inject
    Calendars calendars;

    @Inject
    CsirtAddresses addresses;

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
        timeline = new Timeline(
                calendars.csirt(),
                new ProcedureTimes(
                        advisoryDays, ticketDaysBefore, finalWarningBefore, reintroductionTime, reintroductionCheck));
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
