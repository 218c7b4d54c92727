package org.csirtdesk.campaign.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.campaign.entity.Campaign;

/** A campaign as the API shows it, with its cases counted by state. */
public record CampaignView(
        long id,
        long incident,
        String title,
        Set<String> vulnerabilities,
        String advisory,
        String advisoryLink,
        String recommendedAction,
        boolean severeInterruption,
        String ombAuthorisedBy,
        Instant ombAuthorisedAt,
        String scope,
        String tlp,
        String state,
        Instant chosenDeadline,
        Instant headsUpAt,
        Instant advisoryAt,
        Instant ticketsAt,
        Instant deadline,
        Instant allActedAt,
        Instant createdAt,
        String createdBy,
        long version,
        Map<String, Long> cases,
        List<String> unknownSites) {

    static CampaignView of(Campaign c, Map<String, Long> cases, List<String> unknownSites) {
        return new CampaignView(
                c.id(),
                c.incidentTicketId(),
                c.title(),
                c.vulnerabilities(),
                c.advisoryText(),
                c.advisoryLink(),
                c.recommendedAction(),
                c.severeInterruption(),
                c.ombAuthorisedBy(),
                c.ombAuthorisedAt(),
                c.scope().name().toLowerCase(),
                c.tlp().name(),
                c.state().name().toLowerCase(),
                c.chosenDeadline(),
                c.headsUpAt(),
                c.advisoryAt(),
                c.ticketsAt(),
                c.deadlineAt(),
                c.allActedAt(),
                c.createdAt(),
                c.createdBy(),
                c.version(),
                cases,
                unknownSites);
    }
}
