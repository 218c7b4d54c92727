package org.csirtdesk.platform.entity;

/** One thing wrong with a request: which field (a JSON path like {@code requestors[2]}) and why. */
public record FieldError(String field, String reason) {}
