package org.csirtdesk.report.entity;

/**
 * The vulnerability cases opened in the period for one CVE (or other vulnerability id), in how many campaigns, and
 * where they are today: resolved, suspended (the site is, or is being, suspended), or still open.
 */
public record CveCases(String vulnerability, long cases, long campaigns, long resolved, long suspended, long open) {}
