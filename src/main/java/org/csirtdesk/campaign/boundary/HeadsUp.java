package org.csirtdesk.campaign.boundary;

/** SEC03-2.1: the public information the heads-up refers to (a link or a short text). */
public record HeadsUp(String publicInformation) {}
