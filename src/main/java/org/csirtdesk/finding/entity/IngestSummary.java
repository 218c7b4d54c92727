package org.csirtdesk.finding.entity;

import java.util.List;
import org.csirtdesk.platform.entity.FieldError;

/**
 * What a monitoring report did: how many items it held; of the stored ones, how many findings are new,
 * reopened, cleared or unchanged (seen again); how many sites turned vulnerable or clear; the items ignored
 * (no verdict, not our tag) and refused (with their index or line and the reason); the site names the
 * registry does not know, kept but shown so that CSIRT can look; and the hosts the report named under another site
 * than the one GOCDB lists them at, stored at GOCDB's.
 */
public record IngestSummary(
        int received,
        int created,
        int reopened,
        int cleared,
        int unchanged,
        int ignored,
        int sitesVulnerable,
        int sitesCleared,
        List<String> unknownSites,
        List<FieldError> rejected,
        List<SiteDisagreement> placedAtGocdbSite) {

    /**
     * Hosts a report named under {@code reportedSite} that GOCDB lists at {@code site}, where they were stored: how
     * many, and the first {@value #HOSTS_NAMED} by name.
     */
    public record SiteDisagreement(String reportedSite, String site, int hosts, List<String> firstHosts) {

        public static final int HOSTS_NAMED = 10;
    }

    public IngestSummary {
        unknownSites = List.copyOf(unknownSites);
        rejected = List.copyOf(rejected);
        placedAtGocdbSite = List.copyOf(placedAtGocdbSite);
    }
}
