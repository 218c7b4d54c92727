package org.csirtdesk.campaign.entity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A campaign as CSIRT describes it, already checked: the vulnerabilities, the advisory, the recommended action
 * (may still be missing in a draft), whether that action stops a service, the scope, the TLP, a deadline chosen
 * by hand (null: SEC03-2.3b's from the advisory time), and the sites CSIRT adds by hand to those monitoring found.
 */
public record CampaignDraft(
        String title,
        Set<String> vulnerabilities,
        String advisoryText,
        String advisoryLink,
        String recommendedAction,
        boolean severeInterruption,
        Campaign.Scope scope,
        Tlp tlp,
        Instant deadline,
        List<String> sites,
        Long incidentReport) {

    public CampaignDraft {
        vulnerabilities = Set.copyOf(vulnerabilities);
        sites = sites == null ? List.of() : List.copyOf(sites);
    }
}
