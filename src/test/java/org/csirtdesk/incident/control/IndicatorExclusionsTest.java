package org.csirtdesk.incident.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.site.control.SiteDirectory.RegistryNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndicatorExclusionsTest {

    static final IndicatorExclusions.Excluded EXCLUDED = new IndicatorExclusions.Excluded(
            RegistryNames.of(Set.of("ssc.si", "ptujrpc.si"), Set.of("wn01.ptujrpc.si"), Set.of("dante.meloni@ssc.si")),
            Set.of("reporter@university.example"),
            found -> found.value().endsWith("egi.eu"));

    private static String reason(IndicatorType type, String value) {
        return EXCLUDED.reason(new FoundIndicator(type, value)).orElse(null);
    }

    @Test
    @DisplayName(
            "SEC01-announce: the victims' domains and hosts, GOCDB's and the senders' addresses and the CSIRT's own are no indicator, each with its reason")
    void victimsAndReportersAreNoIndicators() {
        assertThat(reason(IndicatorType.DOMAIN, "ssc.si")).contains("domain of a site", "ssc.si");
        assertThat(reason(IndicatorType.DOMAIN, "ui.ssc.si")).contains("ssc.si");
        assertThat(reason(IndicatorType.DOMAIN, "wn01.ptujrpc.si")).contains("host of a site");
        assertThat(reason(IndicatorType.URL, "https://www.ssc.si/login?x=1")).contains("ssc.si");
        assertThat(reason(IndicatorType.EMAIL, "dante.meloni@ssc.si")).contains("GOCDB");
        assertThat(reason(IndicatorType.EMAIL, "admin@ssc.si")).contains("an address at", "ssc.si");
        assertThat(reason(IndicatorType.EMAIL, "reporter@university.example")).contains("sender");
        assertThat(reason(IndicatorType.DOMAIN, "university.example")).contains("domain of a report's sender");
        assertThat(reason(IndicatorType.DOMAIN, "www.university.example"))
                .as("only the address's own domain")
                .isNull();
        assertThat(reason(IndicatorType.EMAIL, "abuse@egi.eu")).contains("CSIRT's own");
    }

    @Test
    @DisplayName("SEC01-announce: the attacker's values stay indicators, also where they resemble a victim's")
    void attackersValuesStay() {
        assertThat(reason(IndicatorType.DOMAIN, "evil-ssc.si")).isNull();
        assertThat(reason(IndicatorType.DOMAIN, "ssc.si.evil.example")).isNull();
        assertThat(reason(IndicatorType.URL, "http://198.51.100.7/ssc.si")).isNull();
        assertThat(reason(IndicatorType.EMAIL, "ssc.si@evil.example")).isNull();
        assertThat(reason(IndicatorType.IPV4, "198.51.100.7")).isNull();
    }
}
