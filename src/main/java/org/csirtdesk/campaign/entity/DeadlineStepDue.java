package org.csirtdesk.campaign.entity;

import java.time.Instant;

/**
 * The CDI event of a due step that belongs to an incident site's deadline, raised by the heartbeat inside the
 * step's transaction with the step claimed. The incident feature runs it (marks it done or skipped); a step it
 * leaves planned is passed over for now, as a case's step is when its case is busy. The schedule thus claims and
 * runs every step one way without knowing incidents.
 */
public record DeadlineStepDue(ScheduledStep step, Instant now) {
}
