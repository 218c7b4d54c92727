package org.csirtdesk.campaign.entity;

/**
 * Which path of SEC03 a case's current round follows: the advisory's (a 7-day deadline, tickets 3 days before
 * it) or a re-introduction's (SEC03-3.1: the site turned vulnerable again, or after the tickets went out; 48
 * hours to act).
 */
public enum CasePath {
    ADVISORY,
    REINTRODUCTION
}
