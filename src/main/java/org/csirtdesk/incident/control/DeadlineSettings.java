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
 * SEC01-deadlines' configuration: the working hours an answer to a CSIRT request counts in, how long before each
 * deadline its reminder goes to the site.
 */
@ApplicationScoped
public class DeadlineSettings {

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

    @PostConstruct
    void check() {
        try {
            workingHours = WorkingHours.parse(workingHoursText);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("csirt.sec01.working-hours: " + e.getMessage(), e);
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

    /** How long before the deadline its reminder goes; zero for none. For an answer, working time. */
    public Duration remindBefore(DeadlineKind kind) {
        return leads().get(kind);
    }
}
