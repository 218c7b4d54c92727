package org.csirtdesk.rt.entity;

/** An RT user: id, user name (for a user RT made from a mail, the address), and e-mail address ({@code ""} if none). */
public record RtUser(long id, String name, String emailAddress) {}
