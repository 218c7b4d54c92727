package org.csirtdesk.site.entity;

import java.util.Map;

/**
 * A site as the registry describes it (GOCDB's {@code get_site}). {@code gocdbId} is the number GOCDB's
 * portal and write API address the site by; {@code primaryKey} is its stable key ("119G0"); {@code domain} is its
 * DNS domain (GOCDB's {@code DOMAIN/DOMAIN_NAME}), which SEC01 keeps out of the indicators it shares.
 */
public record SiteRecord(
        String primaryKey,
        String gocdbId,
        String name,
        String officialName,
        String ngi,
        String countryCode,
        CertificationStatus status,
        String productionInfrastructure,
        String timeZone,
        String contactEmail,
        String csirtEmail,
        String portalUrl,
        String domain,
        Map<String, String> extensions) {

    public SiteRecord {
        extensions = Map.copyOf(extensions);
    }

    public SiteRecord withStatus(CertificationStatus newStatus) {
        return new SiteRecord(
                primaryKey,
                gocdbId,
                name,
                officialName,
                ngi,
                countryCode,
                newStatus,
                productionInfrastructure,
                timeZone,
                contactEmail,
                csirtEmail,
                portalUrl,
                domain,
                extensions);
    }
}
