package org.csirtdesk.site.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.csirtdesk.site.entity.CertificationStatus.CANDIDATE;
import static org.csirtdesk.site.entity.CertificationStatus.CERTIFIED;
import static org.csirtdesk.site.entity.CertificationStatus.CLOSED;
import static org.csirtdesk.site.entity.CertificationStatus.SUSPENDED;
import static org.csirtdesk.site.entity.CertificationStatus.UNCERTIFIED;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GOCDB's certification status changes, as GOCDB itself accepts and refuses them. */
class CertificationStatusTest {

    @Test
    @DisplayName("SEC03-4.6: a suspended site is reinstated as Uncertified, never straight to Certified")
    void suspendedNeverGoesStraightToCertified() {
        assertThat(SUSPENDED.allowedChanges()).containsExactlyInAnyOrder(UNCERTIFIED, CLOSED);
        assertThat(SUSPENDED.canChangeTo(CERTIFIED)).isFalse();
    }

    @Test
    @DisplayName("SEC03-4.5: a certified or uncertified site can be suspended")
    void certifiedAndUncertifiedCanBeSuspended() {
        assertThat(CERTIFIED.canChangeTo(SUSPENDED)).isTrue();
        assertThat(UNCERTIFIED.canChangeTo(SUSPENDED)).isTrue();
    }

    @Test
    void closedIsFinalAndCandidateOnlyBecomesUncertifiedOrClosed() {
        assertThat(CLOSED.allowedChanges()).isEmpty();
        assertThat(CANDIDATE.allowedChanges()).containsExactlyInAnyOrder(UNCERTIFIED, CLOSED);
    }

    @Test
    void noStatusChangesToItself() {
        for (CertificationStatus status : CertificationStatus.values()) {
            assertThat(status.canChangeTo(status)).as(status.label()).isFalse();
        }
    }

    @Test
    void gocdbSpellingParsesInAnyCase() {
        assertThat(CertificationStatus.parse(" suspended ")).contains(SUSPENDED);
        assertThat(CertificationStatus.parse("Certified")).contains(CERTIFIED);
        assertThat(CertificationStatus.parse("Dormant")).isEmpty();
        assertThat(CertificationStatus.parse(null)).isEmpty();
    }
}
