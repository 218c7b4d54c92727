package org.csirtdesk.rt.entity;

/** A file attached to an RT transaction (a mail RT received, a reply with an upload): name, type and bytes. */
public record RtFile(String filename, String contentType, byte[] content) {}
