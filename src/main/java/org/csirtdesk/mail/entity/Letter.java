package org.csirtdesk.mail.entity;

/** A rendered letter: the subject line and the plain-text body. */
public record Letter(String subject, String body) {}
