package org.csirtdesk.site.entity;

/** An NGI with its general and security e-mail addresses (GOCDB's {@code get_ngi}). */
public record NgiRecord(String name, String email, String securityEmail) {}
