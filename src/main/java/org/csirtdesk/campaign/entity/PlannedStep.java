package org.csirtdesk.campaign.entity;

import java.time.Instant;

/** A step of the procedure and when it is due. */
public record PlannedStep(StepName name, Instant due) {}
