package org.csirtdesk.schedule.entity;

import java.time.Instant;
import java.util.List;

/**
 * A batch of due steps claimed in one transaction, announced before its steps are announced one by one
 * ({@link StepDue}): an owner locks and reads what its steps of the batch need all at once (with one query, not one
 * per step), and keeps it for the transaction. Observing it is optional.
 */
public record StepsClaimed(List<ScheduledStep> steps, Instant now) {

    /** The claimed steps of an owner kind, in the order they run. */
    public List<ScheduledStep> of(String ownerKind) {
        return steps.stream().filter(step -> step.isOwnedBy(ownerKind)).toList();
    }
}
