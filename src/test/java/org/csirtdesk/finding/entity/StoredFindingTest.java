package org.csirtdesk.finding.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.csirtdesk.finding.entity.StoredFinding.Change;
import org.csirtdesk.finding.entity.StoredFinding.Outcome;
import org.junit.jupiter.api.Test;

/** The rule for how an observation changes a finding, cell by cell of its table. */
class StoredFindingTest {

    private static final Instant T1 = Instant.parse("2026-11-21T06:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-22T13:00:00Z");

    private static Observation seen(Verdict verdict, Instant at, String detail) {
        return Observation.reported("PtujRPC", "wn01.ptujrpc.si", "CVE-2024-1086", verdict, at, "fp", detail)
                .placedAt("PtujRPC", true);
    }

    private static StoredFinding open() {
        return StoredFinding.create(Source.ALERTMANAGER, seen(Verdict.VULNERABLE, T2, "AlmaLinux"), NOW).orElseThrow().finding();
    }

    private static StoredFinding cleared() {
        return open().observe(seen(Verdict.CLEAR, T2, null), NOW).finding();
    }

    @Test
    void onlyAVulnerableHostMakesANewFinding() {
        Outcome created = StoredFinding.create(Source.PAKITI, seen(Verdict.VULNERABLE, T1, null), NOW).orElseThrow();
        assertThat(created.change()).isEqualTo(Change.CREATED);
        assertThat(created.finding().isOpen()).isTrue();
        assertThat(created.finding().firstSeenAt()).isEqualTo(NOW);
        assertThat(created.finding().observedAt()).isEqualTo(T1);
        assertThat(StoredFinding.create(Source.PAKITI, seen(Verdict.CLEAR, T1, null), NOW)).isEmpty();
    }

    @Test
    void theSameObservationAgainChangesNothingButLastSeen() {
        Outcome again = open().observe(seen(Verdict.VULNERABLE, T2, "AlmaLinux"), LATER);
        assertThat(again.change()).isEqualTo(Change.SEEN);
        assertThat(again.onlySeen()).isTrue();
        assertThat(again.finding().lastSeenAt()).isEqualTo(LATER);
        assertThat(again.finding().firstSeenAt()).isEqualTo(NOW);
        assertThat(again.finding().observedAt()).isEqualTo(T2);
    }

    @Test
    void aNewerObservationOrNewDetailIsKeptAndAnOlderOneDoesNotWindTimeBack() {
        Outcome newer = open().observe(seen(Verdict.VULNERABLE, T3, "AlmaLinux"), LATER);
        assertThat(newer.onlySeen()).isFalse();
        assertThat(newer.finding().observedAt()).isEqualTo(T3);
        assertThat(open().observe(seen(Verdict.VULNERABLE, T2, "AlmaLinux 9.4"), LATER).onlySeen()).isFalse();
        Outcome older = open().observe(seen(Verdict.VULNERABLE, T1, "AlmaLinux"), LATER);
        assertThat(older.finding().observedAt()).isEqualTo(T2);
        assertThat(older.onlySeen()).isTrue();
    }

    @Test
    void aClearObservationClearsAnOpenFindingUnlessItWasMadeBeforeIt() {
        Outcome cleared = open().observe(seen(Verdict.CLEAR, T3, null), LATER);
        assertThat(cleared.change()).isEqualTo(Change.CLEARED);
        assertThat(cleared.finding().clearedAt()).isEqualTo(LATER);
        assertThat(cleared.finding().observedAt()).isEqualTo(T3);
        assertThat(cleared.finding().detail()).as("a clear says nothing about the host's system").isEqualTo("AlmaLinux");

        Outcome stale = open().observe(seen(Verdict.CLEAR, T1, null), LATER);
        assertThat(stale.change()).isEqualTo(Change.STALE);
        assertThat(stale.finding().isOpen()).isTrue();
        assertThat(stale.finding().lastSeenAt()).isEqualTo(LATER);
    }

    @Test
    void aClearedFindingReopensOnlyOnANewerObservation() {
        Outcome reopened = cleared().observe(seen(Verdict.VULNERABLE, T3, null), LATER);
        assertThat(reopened.change()).isEqualTo(Change.REOPENED);
        assertThat(reopened.finding().isOpen()).isTrue();
        assertThat(reopened.finding().observedAt()).isEqualTo(T3);

        assertThat(cleared().observe(seen(Verdict.VULNERABLE, T2, null), LATER).change())
                .as("the observation the clear already answered").isEqualTo(Change.STALE);
        assertThat(cleared().observe(seen(Verdict.VULNERABLE, T1, null), LATER).change()).isEqualTo(Change.STALE);
        Outcome clearAgain = cleared().observe(seen(Verdict.CLEAR, T3, null), LATER);
        assertThat(clearAgain.change()).isEqualTo(Change.SEEN);
        assertThat(clearAgain.finding().isOpen()).isFalse();
    }

    @Test
    void theKeyIsTheIdentityAndNothingElse() {
        byte[] key = StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si");
        assertThat(key).hasSize(32).isEqualTo(StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si"));
        assertThat(key).isNotEqualTo(StoredFinding.key(Source.ARGO, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si"))
                .isNotEqualTo(StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn02.ptujrpc.si"))
                .isNotEqualTo(StoredFinding.key(Source.PAKITI, "PtujRP", "CCVE-2024-1086", "wn01.ptujrpc.si"));
    }
}
