package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.ticket.control.TicketFilters;

/**
 * The ticket search by campaign (its incident and the tickets under it), by CVE (the same for the campaigns that
 * handle that vulnerability; vulnerabilities are kept in capitals, so the value is compared in capitals), and a case's own answer to "waiting for
 * CSIRT": a response may be recorded by hand, and an accepted explanation answers it without a letter, so a case's
 * ticket waits when the case says so, whatever its last correspondence.
 */
@ApplicationScoped
public class CampaignTicketFilters implements TicketFilters {

    @Override
    public Map<String, String> conditions() {
        return Map.of(
                "campaign",
                "(t.id in (select c.incidentTicketId from Campaign c where c.id = :campaign) or t.id in "
                        + "(select l.key.childId from IncidentLink l where l.key.incidentId in "
                        + "(select c.incidentTicketId from Campaign c where c.id = :campaign)))",
                "cve",
                "(t.id in (select c.incidentTicketId from Campaign c join c.vulnerabilities v where v = upper(:cve))"
                        + " or t.id in (select l.key.childId from IncidentLink l where l.key.incidentId in"
                        + " (select c.incidentTicketId from Campaign c join c.vulnerabilities v where v = upper(:cve))))");
    }

    @Override
    public Optional<WaitingForCsirt> waitingForCsirt() {
        return Optional.of(new WaitingForCsirt(
                "exists (select 1 from CampaignCase wc where wc.ticketId = t.id)",
                "exists (select 1 from CampaignCase wc where wc.ticketId = t.id and wc.awaitingCsirt = true)"));
    }
}
