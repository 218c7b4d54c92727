package org.csirtdesk.incident.boundary;

/** An indicator added by hand: its type (ipv4, ipv6, domain, url, email, md5, sha1, sha256, cve) and value. */
public record NewIndicator(String type, String value, String note) {}
