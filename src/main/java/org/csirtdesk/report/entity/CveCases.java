package org.csirtdesk.report.entity;

/** The vulnerability cases opened in the period for one CVE (or other vulnerability id), in how many campaigns. */
public record CveCases(String vulnerability, long cases, long campaigns) {}
