package org.csirtdesk.finding.entity;

import java.util.List;
import org.csirtdesk.platform.entity.FieldError;

/**
 * What a monitoring report did: how many items it held; of the stored ones, how many findings are new,
 * reopened, cleared or unchanged (seen again); how many sites turned vulnerable or clear; the items ignored
 * (no verdict, not our tag) and refused (with their index or line and the reason); and the site names the
 * registry does not know, kept but shown so that CSIRT can look.
 */
public record IngestSummary(int received, int created, int reopened, int cleared, int unchanged, int ignored,
                            int sitesVulnerable, int sitesCleared, List<String> unknownSites, List<FieldError> rejected) {

    public IngestSummary {
        unknownSites = List.copyOf(unknownSites);
        rejected = List.copyOf(rejected);
    }
}
