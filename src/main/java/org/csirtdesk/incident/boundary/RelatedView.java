package org.csirtdesk.incident.boundary;

import java.util.List;
import org.csirtdesk.incident.control.Indicators;

/** An incident that shares indicators with the report: the suggestion to link it (SEC01-related). */
public record RelatedView(
        long incident, String tag, String subject, String status, int sharedCount, List<SharedIndicator> shared) {

    static RelatedView of(Indicators.Related related, String tag) {
        return new RelatedView(
                related.incident().id(),
                tag,
                related.incident().subject(),
                related.incident().status().label(),
                related.shared().size(),
                related.shared().stream().map(SharedIndicator::of).toList());
    }
}
