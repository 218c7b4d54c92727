package org.csirtdesk.mail.entity;

import java.time.Instant;

/** An address whose latest letter bounced: since when, why, and the letter's outbox message. */
public record Unreachable(String address, Instant since, String reason, long letter) {}
