package org.csirtdesk.campaign.boundary;

/** CSIRT's answer to a site, sent on its ticket. */
public record Answer(String content) {}
