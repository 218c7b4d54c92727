package org.csirtdesk.finding.entity;

/** What an observation says about a host: vulnerable, or no longer. */
public enum Verdict {
    VULNERABLE,
    CLEAR
}
