package org.csirtdesk.campaign.boundary;

/** SEC03-4.6: a ROD asks for a suspended site back; the contact is where CSIRT's verdict goes. */
public record ReinstatementRequest(String contact, String request) {}
