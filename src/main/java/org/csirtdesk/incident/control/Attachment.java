package org.csirtdesk.incident.control;

/** A file sent with a closure report, decoded. */
public record Attachment(String filename, String contentType, byte[] content) {}
