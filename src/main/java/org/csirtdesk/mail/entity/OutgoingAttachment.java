package org.csirtdesk.mail.entity;

/** A file a letter carries, as it goes out: the name and type it came with (no name: none is given), and its bytes. */
public record OutgoingAttachment(String filename, String contentType, byte[] content) {}
