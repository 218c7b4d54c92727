package org.csirtdesk.finding.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A site's exposure to a vulnerability, through its transition table. */
class ExposureTest {

    private static final Instant SEEN = Instant.parse("2026-11-21T06:12:44Z");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /**
     * An exposure as the store creates it: a row inserted by SQL (state UNSEEN, no hosts), which JPA then loads.
     * The entity has no public constructor because nothing but that row should make one.
     */
    private static Exposure fresh() throws ReflectiveOperationException {
        Exposure exposure = new Exposure();
        set(exposure, "key", new ExposureKey("PtujRPC", "CVE-2024-1086"));
        set(exposure, "state", ExposureState.UNSEEN);
        set(exposure, "hosts", "");
        return exposure;
    }

    private static void set(Exposure exposure, String name, Object value) throws ReflectiveOperationException {
        Field field = Exposure.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(exposure, value);
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
        ExposureEvent event = exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW).orElseThrow();
        assertThat(event.kind()).isEqualTo(ExposureState.VULNERABLE);
        assertThat(event.reintroduced()).isFalse();
        assertThat(event.observedAt()).isEqualTo(SEEN);
        assertThat(exposure.vulnerableSince()).isEqualTo(SEEN);
        assertThat(exposure.timesVulnerable()).isEqualTo(1);

        assertThat(exposure.update(hosts("wn01.ptujrpc.si", "wn02.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW)).isEmpty();
        assertThat(exposure.hosts()).containsExactly("wn01.ptujrpc.si", "wn02.ptujrpc.si");
    }

    @Test
    void theLastHostClearedClearsTheSite() throws Exception {
        Exposure exposure = fresh();
        exposure.update(hosts("wn01.ptujrpc.si"), true, SEEN, Source.PAKITI, NOW);
        ExposureEvent event = exposure.update(hosts(), true, SEEN, Source.PAKITI, NOW).orElseThrow();
        assertThat(event.kind()).isEqualTo(ExposureState.CLEAR);
        assertThat(event.hosts()).isEmpty();
        assertThat(exposure.clearedAt()).isEqualTo(NOW);
        assertThat(exposure.hosts()).isEmpty();
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
}
