package org.csirtdesk.campaign.boundary;

import org.csirtdesk.campaign.control.CampaignFigures;

/** A line of the desk's case table: the case, its site's NGI, and the latest thing that happened to it. */
public record CaseLineView(String ngi, CaseEventView lastEvent, CaseView detail) {

    static CaseLineView of(CampaignFigures.CaseLine line) {
        return new CaseLineView(
                line.ngi(),
                line.lastEvent() == null ? null : CaseEventView.of(line.lastEvent()),
                CaseView.of(line.c()));
    }
}
