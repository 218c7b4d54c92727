package org.csirtdesk.finding.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A site's exposure to a vulnerability, through its transition table. */
class ExposureTest {

    private static final Instant SEEN = Instant.parse("2026-11-21T06:12:44Z");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static Exposure fresh() throws ReflectiveOperationException {
        return fresh(true);
    }

    /**
     * An exposure as the store creates it: a row inserted by SQL (FindingStore's INSERT INTO exposures: state
     * UNSEEN, site_known, no open hosts, never vulnerable), which JPA then loads. The entity has only
     * JPA's protected constructor and no setters because nothing but that row should make one, so this one
     * helper sets the fields the SQL sets by reflection; everything else goes through {@code update}.
     */
    private static Exposure fresh(boolean siteKnown) throws ReflectiveOperationException {
        Exposure exposure = new Exposure();
        Map<String, Object> row = Map.of(
                "key",
                new ExposureKey("PtujRPC", "CVE-2024-1086"),
                "state",
                ExposureState.UNSEEN,
                "siteKnown",
                siteKnown,
                "openHosts",
                0,
                "timesVulnerable",
                0,
                "reintroduced",
                false);
        for (Map.Entry<String, Object> column : row.entrySet()) {
            Field field = Exposure.class.getDeclaredField(column.getKey());
            field.setAccessible(true);
            field.set(exposure, column.getValue());
        }
        return exposure;
    }

    private static SortedSet<String> hosts(String... names) {
        return new TreeSet<>(List.of(names));
    }

    @Test
    void aSiteWithNoOpenHostStaysUnseen() throws Exception {
        Exposure exposure = fresh();
        assertThat(exposure.update(hosts(), true, SEEN, Source.PAKITI, NOW)).isEmpty();
        assertThat(exposure.state()).isEqualTo(ExposureState.UNSEEN);
    }

    @Test
    void aFirstOpenHostMakesTheSiteVulnerableAndMoreHostsChangeOnlyTheList() throws Exception {
        Exposure exposure = fresh();
        ExposureEvent event = exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW)
                .orElseThrow();
        assertThat(event.kind()).isEqualTo(ExposureState.VULNERABLE);
        assertThat(event.reintroduced()).isFalse();
        assertThat(event.observedAt()).isEqualTo(SEEN);
        assertThat(exposure.vulnerableSince()).isEqualTo(SEEN);
        assertThat(exposure.timesVulnerable()).isEqualTo(1);

        assertThat(exposure.update(hosts("wn01.ptujrpc.si", "wn02.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW))
                .isEmpty();
        assertThat(exposure.openHosts()).isEqualTo(2);
    }

    @Test
    void theLastHostClearedClearsTheSite() throws Exception {
        Exposure exposure = fresh();
        exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW);
        ExposureEvent event =
                exposure.update(hosts(), true, SEEN, Source.PAKITI, NOW).orElseThrow();
        assertThat(event.kind()).isEqualTo(ExposureState.CLEAR);
        assertThat(exposure.clearedAt()).isEqualTo(NOW);
        assertThat(exposure.openHosts()).isZero();
    }

    @Test
    @DisplayName("SEC03-3.1: a site vulnerable again after it was clear is a re-introduction")
    void aSiteVulnerableAgainAfterItWasClearIsAReintroduction() throws Exception {
        Exposure exposure = fresh();
        exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW);
        exposure.update(hosts(), true, SEEN, Source.PAKITI, NOW);
        Instant again = NOW.plusSeconds(86_400);
        Optional<ExposureEvent> event = exposure.update(hosts("wn02.ptujrpc.si"), true, again, Source.ARGO, again);
        assertThat(event).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ExposureState.VULNERABLE);
            assertThat(e.reintroduced()).isTrue();
            assertThat(e.source()).isEqualTo(Source.ARGO);
        });
        assertThat(exposure.reintroduced()).isTrue();
        assertThat(exposure.timesVulnerable()).isEqualTo(2);
        assertThat(exposure.clearedAt()).isNull();
        assertThat(exposure.vulnerableSince()).isEqualTo(again);
    }

    @Test
    void theTableAllowsOnlyItsTransitions() {
        assertThat(ExposureState.UNSEEN.canBecome(ExposureState.VULNERABLE)).isTrue();
        assertThat(ExposureState.UNSEEN.canBecome(ExposureState.CLEAR)).isFalse();
        assertThat(ExposureState.VULNERABLE.canBecome(ExposureState.CLEAR)).isTrue();
        assertThat(ExposureState.VULNERABLE.canBecome(ExposureState.UNSEEN)).isFalse();
        assertThat(ExposureState.CLEAR.canBecome(ExposureState.VULNERABLE)).isTrue();
        assertThat(ExposureState.CLEAR.canBecome(ExposureState.UNSEEN)).isFalse();
    }

    @Test
    void anUnseenSiteHasNoHostsAndNoHistory() throws Exception {
        Exposure exposure = fresh(false);
        assertThat(exposure.update(hosts(), false, SEEN, Source.ALERTMANAGER, NOW))
                .isEmpty();
        assertThat(exposure.state()).isEqualTo(ExposureState.UNSEEN);
        assertThat(exposure.openHosts()).isZero();
        assertThat(exposure.timesVulnerable()).isZero();
        assertThat(exposure.reintroduced()).isFalse();
        assertThat(exposure.vulnerableSince()).isNull();
        assertThat(exposure.clearedAt()).isNull();
        assertThat(exposure.observedAt()).isNull();
        assertThat(exposure.site()).isEqualTo("PtujRPC");
        assertThat(exposure.vulnerability()).isEqualTo("CVE-2024-1086");
    }

    @Test
    void theFirstVulnerableEventNamesTheSiteAndTheSource() throws Exception {
        Exposure exposure = fresh(false);
        ExposureEvent event = exposure.update(
                        hosts("wn02.ptujrpc.si", "wn01.ptujrpc.si"), true, SEEN, Source.ALERTMANAGER, NOW)
                .orElseThrow();
        assertThat(event.key()).isEqualTo(new ExposureKey("PtujRPC", "CVE-2024-1086"));
        assertThat(event.kind()).isEqualTo(ExposureState.VULNERABLE);
        assertThat(event.reintroduced()).isFalse();
        assertThat(exposure.openHosts()).isEqualTo(2);
        assertThat(event.observedAt()).isEqualTo(SEEN);
        assertThat(event.at()).isEqualTo(NOW);
        assertThat(event.source()).isEqualTo(Source.ALERTMANAGER);
        assertThat(exposure.state()).isEqualTo(ExposureState.VULNERABLE);
        assertThat(exposure.siteKnown()).isTrue();
        assertThat(exposure.observedAt()).isEqualTo(SEEN);
        assertThat(exposure.clearedAt()).isNull();
    }

    @Test
    void aVulnerableSiteGainingOrLosingSomeHostsStaysVulnerableWithoutAnEvent() throws Exception {
        Exposure exposure = fresh();
        exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW);
        Instant later = NOW.plusSeconds(3600);
        assertThat(exposure.update(hosts("wn01.ptujrpc.si", "wn02.ptujrpc.si"), true, later, Source.ARGO, later))
                .isEmpty();
        assertThat(exposure.update(hosts("wn02.ptujrpc.si"), true, later, Source.ARGO, later))
                .isEmpty();
        assertThat(exposure.openHosts()).isEqualTo(1);
        assertThat(exposure.state()).isEqualTo(ExposureState.VULNERABLE);
        assertThat(exposure.vulnerableSince())
                .as("the spell began with the first host")
                .isEqualTo(SEEN);
        assertThat(exposure.timesVulnerable()).isEqualTo(1);
    }

    @Test
    void theClearEventIsObservedWhenTheLastHostWasSeenClearAndAClearSiteStaysClear() throws Exception {
        Exposure exposure = fresh();
        exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW);
        Instant clearSeen = SEEN.plusSeconds(7200);
        ExposureEvent event =
                exposure.update(hosts(), true, clearSeen, Source.PAKITI, NOW).orElseThrow();
        assertThat(event.kind()).isEqualTo(ExposureState.CLEAR);
        assertThat(event.reintroduced()).isFalse();
        assertThat(event.observedAt()).isEqualTo(clearSeen);
        assertThat(event.at()).isEqualTo(NOW);
        assertThat(exposure.state()).isEqualTo(ExposureState.CLEAR);
        assertThat(exposure.observedAt()).isEqualTo(clearSeen);
        assertThat(exposure.vulnerableSince())
                .as("kept: when the last spell began")
                .isEqualTo(SEEN);

        assertThat(exposure.update(hosts(), true, NOW, Source.PAKITI, NOW.plusSeconds(60)))
                .isEmpty();
        assertThat(exposure.state()).isEqualTo(ExposureState.CLEAR);
        assertThat(exposure.clearedAt()).isEqualTo(NOW);
    }

    @Test
    void noStateBecomesItselfOrGoesBackToUnseen() {
        for (ExposureState state : ExposureState.values()) {
            assertThat(state.canBecome(state)).as(state.name()).isFalse();
            assertThat(state.canBecome(ExposureState.UNSEEN)).as(state.name()).isFalse();
        }
    }
}
