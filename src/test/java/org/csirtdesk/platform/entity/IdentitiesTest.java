package org.csirtdesk.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The identities features pass each other refuse, at construction, what no feature could look up. */
class IdentitiesTest {

    @Test
    void siteNameRefusesBlankPaddedAndOverlongNames() {
        assertThat(new SiteName("SITE-A").value()).isEqualTo("SITE-A");
        assertThatThrownBy(() -> new SiteName(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new SiteName(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SiteName(" SITE-A")).hasMessageContaining("white space");
        assertThatThrownBy(() -> new SiteName("S".repeat(101))).hasMessageContaining("longer than 100");
    }

    @Test
    void aMalformedSiteNameFromOutsideNamesNoSite() {
        assertThat(SiteName.ifWellFormed("SITE-A")).contains(new SiteName("SITE-A"));
        assertThat(SiteName.ifWellFormed(" SITE-A")).isEmpty();
        assertThat(SiteName.ifWellFormed("")).isEmpty();
        assertThat(SiteName.ifWellFormed(null)).isEmpty();
        assertThat(SiteName.ifWellFormed("S".repeat(101))).isEmpty();
    }

    @Test
    void vulnerabilityIdIsUpperCaseAndOfNormalisesAReportedId() {
        assertThat(VulnerabilityId.of(" cve-2024-3094 ")).isEqualTo(new VulnerabilityId("CVE-2024-3094"));
        assertThatThrownBy(() -> new VulnerabilityId("cve-2024-3094"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upper case");
        assertThatThrownBy(() -> new VulnerabilityId("CVE 1")).hasMessageContaining("white space");
        assertThatThrownBy(() -> VulnerabilityId.of(null)).hasMessageContaining("blank");
    }

    @Test
    void ticketIdIsPositive() {
        assertThat(new TicketId(7).value()).isEqualTo(7);
        assertThatThrownBy(() -> new TicketId(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
