package org.csirtdesk.rt.entity;

import java.time.Instant;

/** A ticket that changed, with RT's {@code LastUpdated} (whole seconds, UTC): what the sync's watermark moves by. */
public record RtChange(long id, Instant lastUpdated) {}
