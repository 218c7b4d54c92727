package org.csirtdesk.incident.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.csirtdesk.calendar.entity.WorkingHours;
import org.csirtdesk.incident.entity.DeadlineKind;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SEC01-deadlines' configuration: the working hours the deadlines count in (SEC01: "all times in this document refer
 * to normal local working hours"), whether the report, isolation, downtime and closure report count in them too or in
 * clock hours (an answer always counts working hours: SEC01 says so of it in so many words), and how long before each
 * deadline its reminder goes to the site.
 */
@ApplicationScoped
public class DeadlineSettings {

    @Inject
    @ConfigProperty(name = "csirt.sec01.working-hours", defaultValue = "09:00-17:00 Mon-Fri")
    String workingHoursText;

    /** {@code working-hours} (SEC01's reading, the default) or {@code clock-hours}. */
    @Inject
    @ConfigProperty(name = "csirt.sec01.count-in", defaultValue = WORKING_HOURS)
    String countIn;

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

    static final String WORKING_HOURS = "working-hours";
    static final String CLOCK_HOURS = "clock-hours";

    private WorkingHours workingHours;

    @PostConstruct
    void check() {
        try {
            workingHours = WorkingHours.parse(workingHoursText);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("csirt.sec01.working-hours: " + e.getMessage(), e);
        }
        if (!countIn.equals(WORKING_HOURS) && !countIn.equals(CLOCK_HOURS)) {
            throw new IllegalStateException(
                    "csirt.sec01.count-in is " + WORKING_HOURS + " or " + CLOCK_HOURS + ", not '" + countIn + "'");
        }
        for (Map.Entry<DeadlineKind, Duration> lead : leads().entrySet()) {
            if (lead.getValue().isNegative()) {
                throw new IllegalStateException(
                        "csirt.sec01.remind-before." + lead.getKey().slug() + " cannot be negative: " + lead.getValue()
                                + " (PT0S sends no reminder)");
            }
        }
    }

    private Map<DeadlineKind, Duration> leads() {
        return Map.of(
                DeadlineKind.REPORT,
                reportLead,
                DeadlineKind.ISOLATION,
                isolationLead,
                DeadlineKind.DOWNTIME,
                downtimeLead,
                DeadlineKind.ANSWER,
                answerLead,
                DeadlineKind.CLOSURE_REPORT,
                closureReportLead);
    }

    public WorkingHours workingHours() {
        return workingHours;
    }

    /** Whether SEC01's hours and days count in the site's working hours (else in clock hours, the answer's excepted). */
    public boolean countsInWorkingHours() {
        return countIn.equals(WORKING_HOURS);
    }

    /**
     * How long before the deadline its reminder goes; zero for none. Working time for a deadline counted in working
     * hours (an answer always; the report, isolation and downtime unless clock hours are configured).
     */
    public Duration remindBefore(DeadlineKind kind) {
        return leads().get(kind);
    }
}
