package org.csirtdesk.finding.entity;

import java.util.List;
import org.csirtdesk.platform.entity.FieldError;

/**
 * A monitoring report after parsing: the observations to store, the problems of the items refused (each
 * named by its index or line, with the reason) and how many items were refused (an item may have several
 * problems), the items that carry no verdict (an ARGO WARNING, a Pakiti row with another tag), and what the
 * report covers when it is a snapshot.
 */
public record AlertBatch(
        List<Observation> observations, List<FieldError> rejected, int refused, int ignored, Coverage coverage) {

    public AlertBatch {
        observations = List.copyOf(observations);
        rejected = List.copyOf(rejected);
    }

    public int received() {
        return observations.size() + refused + ignored;
    }
}
