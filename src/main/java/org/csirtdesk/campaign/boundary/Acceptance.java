package org.csirtdesk.campaign.boundary;

/** SEC03-7: the reason CSIRT accepts (own_rebuild, vendor_action, agreed_action, not_vulnerable) and the explanation. */
public record Acceptance(String reason, String explanation) {}
