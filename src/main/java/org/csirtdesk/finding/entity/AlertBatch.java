package org.csirtdesk.finding.entity;

import java.util.List;
import org.csirtdesk.platform.entity.FieldError;

/**
 * A monitoring report after parsing: the observations to store, the items refused (each named by its
 * index or line, with the reason), the items that carry no verdict (an ARGO WARNING, a Pakiti row with
 * another tag), and what the report covers when it is a snapshot.
 */
public record AlertBatch(List<Observation> observations, List<FieldError> rejected, int ignored, Coverage coverage) {

    public AlertBatch {
        observations = List.copyOf(observations);
        rejected = List.copyOf(rejected);
    }

    public int received() {
        return observations.size() + rejected.size() + ignored;
    }
}
