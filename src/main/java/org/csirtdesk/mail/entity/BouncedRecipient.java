package org.csirtdesk.mail.entity;

/** A recipient a bounce reports as failed, and why; {@code recipient} is null when the bounce does not say which. */
public record BouncedRecipient(String recipient, String reason) {}
