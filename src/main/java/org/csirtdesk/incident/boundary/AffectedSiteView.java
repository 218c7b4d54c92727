package org.csirtdesk.incident.boundary;

import java.time.Instant;
import java.util.List;
import org.csirtdesk.incident.control.Deadlines;
import org.csirtdesk.incident.entity.AffectedSite;

/**
 * An affected site, its Investigation ticket, the calendar its working hours count in, its SEC01 deadlines and the
 * milestones recorded for it.
 */
public record AffectedSiteView(
        String site,
        long investigation,
        Instant discoveredAt,
        Instant addedAt,
        String addedBy,
        String calendar,
        List<DeadlineView> deadlines,
        List<MilestoneView> milestones) {

    static AffectedSiteView of(Deadlines.SiteDeadlines found) {
        AffectedSite site = found.site();
        return new AffectedSiteView(
                site.site(),
                site.investigationId(),
                site.discoveredAt(),
                site.addedAt(),
                site.addedBy(),
                found.calendar(),
                found.deadlines().stream()
                        .map(d -> DeadlineView.of(d, found.reminders().get(d.id())))
                        .toList(),
                found.milestones().stream().map(MilestoneView::of).toList());
    }
}
