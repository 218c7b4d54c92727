package org.csirtdesk.schedule.entity;

import java.time.Instant;

/**
 * The heartbeat's announcement of a due step to its owner: a CDI event qualified by the owner kind ({@link OwnedBy}),
 * raised inside the step's transaction with the step claimed. The owner's feature observes the steps of its kinds
 * and runs each (marks it done or skipped);
 * a step it leaves planned is passed over for now (its owner's row is busy) and claimed again later. The schedule
 * thus claims and announces every step one way without knowing the procedures.
 */
public record StepDue(ScheduledStep step, Instant now) {}
