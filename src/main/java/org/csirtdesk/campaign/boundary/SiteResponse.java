package org.csirtdesk.campaign.boundary;

/** SEC03-2.7: what the site said (its reasons) and any plan or alternative mitigation. */
public record SiteResponse(String statement, String plan) {}
