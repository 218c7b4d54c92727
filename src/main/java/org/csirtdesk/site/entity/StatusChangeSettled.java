package org.csirtdesk.site.entity;

import java.time.Instant;
import org.csirtdesk.platform.entity.SiteName;

/**
 * The CDI event a status change raises, inside its transaction, when it ends: GOCDB confirmed it, refused it,
 * or it was withdrawn. Whoever asked for it (a suspension, a reinstatement) learns the outcome from this.
 */
public record StatusChangeSettled(
        long changeId,
        SiteName site,
        CertificationStatus target,
        StatusChange.State outcome,
        Instant at,
        String detail) {}
