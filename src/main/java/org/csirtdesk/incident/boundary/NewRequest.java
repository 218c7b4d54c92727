package org.csirtdesk.incident.boundary;

/** What the CSIRT asks an affected site; the site has 4 working hours to answer. */
public record NewRequest(String text) {}
