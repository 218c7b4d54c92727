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
        return StoredFinding.create(Source.ALERTMANAGER, seen(Verdict.VULNERABLE, T2, "AlmaLinux"), NOW)
                .orElseThrow()
                .finding();
    }

    private static StoredFinding cleared() {
        return open().observe(seen(Verdict.CLEAR, T2, null), NOW).finding();
    }

    @Test
    void onlyAVulnerableHostMakesANewFinding() {
        Outcome created = StoredFinding.create(Source.PAKITI, seen(Verdict.VULNERABLE, T1, null), NOW)
                .orElseThrow();
        assertThat(created.change()).isEqualTo(Change.CREATED);
        assertThat(created.finding().isOpen()).isTrue();
        assertThat(created.finding().firstSeenAt()).isEqualTo(NOW);
        assertThat(created.finding().observedAt()).isEqualTo(T1);
        assertThat(StoredFinding.create(Source.PAKITI, seen(Verdict.CLEAR, T1, null), NOW))
                .isEmpty();
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
        assertThat(open().observe(seen(Verdict.VULNERABLE, T2, "AlmaLinux 9.4"), LATER)
                        .onlySeen())
                .isFalse();
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
        assertThat(cleared.finding().detail())
                .as("a clear says nothing about the host's system")
                .isEqualTo("AlmaLinux");

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
                .as("the observation the clear already answered")
                .isEqualTo(Change.STALE);
        assertThat(cleared().observe(seen(Verdict.VULNERABLE, T1, null), LATER).change())
                .isEqualTo(Change.STALE);
        Outcome clearAgain = cleared().observe(seen(Verdict.CLEAR, T3, null), LATER);
        assertThat(clearAgain.change()).isEqualTo(Change.SEEN);
        assertThat(clearAgain.finding().isOpen()).isFalse();
    }

    @Test
    void theKeyIsTheIdentityAndNothingElse() {
        byte[] key = StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si");
        assertThat(key)
                .hasSize(32)
                .isEqualTo(StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si"));
        assertThat(key)
                .isNotEqualTo(StoredFinding.key(Source.ARGO, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si"))
                .isNotEqualTo(StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn02.ptujrpc.si"))
                .isNotEqualTo(StoredFinding.key(Source.PAKITI, "PtujRP", "CCVE-2024-1086", "wn01.ptujrpc.si"));
    }

    @Test
    void aNewFindingRestsOnTheObservationAndIsFirstAndLastSeenNow() {
        Observation observation = Observation.reported(
                        "Ptuj RPC",
                        "wn01.ptujrpc.si",
                        "CVE-2024-1086",
                        Verdict.VULNERABLE,
                        T1,
                        "3f2a9c1b7d4e5a60",
                        "severity critical")
                .placedAt("PtujRPC", true);
        StoredFinding finding = StoredFinding.create(Source.ALERTMANAGER, observation, NOW)
                .orElseThrow()
                .finding();
        assertThat(finding.id()).isNull();
        assertThat(finding.source()).isEqualTo(Source.ALERTMANAGER);
        assertThat(finding.site()).isEqualTo("PtujRPC");
        assertThat(finding.siteKnown()).isTrue();
        assertThat(finding.reportedSite()).isEqualTo("Ptuj RPC");
        assertThat(finding.ref()).isEqualTo("3f2a9c1b7d4e5a60");
        assertThat(finding.detail()).isEqualTo("severity critical");
        assertThat(finding.firstSeenAt()).isEqualTo(NOW);
        assertThat(finding.lastSeenAt()).isEqualTo(NOW);
        assertThat(finding.observedAt()).isEqualTo(T1);
        assertThat(finding.clearedAt()).isNull();
        assertThat(finding.key())
                .isEqualTo(StoredFinding.key(Source.ALERTMANAGER, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si"));
    }

    @Test
    void aNewRefOfTheSameObservationIsMoreThanSeen() {
        Observation renamed = Observation.reported(
                        "PtujRPC", "wn01.ptujrpc.si", "CVE-2024-1086", Verdict.VULNERABLE, T2, "fp2", "AlmaLinux")
                .placedAt("PtujRPC", true);
        Outcome outcome = open().observe(renamed, LATER);
        assertThat(outcome.change()).isEqualTo(Change.SEEN);
        assertThat(outcome.onlySeen()).isFalse();
        assertThat(outcome.finding().ref()).isEqualTo("fp2");
    }

    @Test
    void anObservationWithoutDetailOrRefKeepsTheOnesTheFindingHas() {
        Observation bare = Observation.reported(
                        "PtujRPC", "wn01.ptujrpc.si", "CVE-2024-1086", Verdict.VULNERABLE, T2, null, null)
                .placedAt("PtujRPC", true);
        Outcome outcome = open().observe(bare, LATER);
        assertThat(outcome.onlySeen()).isTrue();
        assertThat(outcome.finding().ref()).isEqualTo("fp");
        assertThat(outcome.finding().detail()).isEqualTo("AlmaLinux");
    }

    @Test
    void aClearObservedAtTheSameTimeAsTheFindingStillClearsIt() {
        Outcome cleared = open().observe(seen(Verdict.CLEAR, T2, null), LATER);
        assertThat(cleared.change()).isEqualTo(Change.CLEARED);
        assertThat(cleared.change().opensOrCloses()).isTrue();
        assertThat(cleared.onlySeen()).isFalse();
        assertThat(cleared.finding().clearedAt()).isEqualTo(LATER);
        assertThat(cleared.finding().lastSeenAt()).isEqualTo(LATER);
    }

    @Test
    void aStaleObservationChangesNothingButLastSeen() {
        StoredFinding finding = open();
        Outcome stale = finding.observe(seen(Verdict.CLEAR, T1, "other"), LATER);
        assertThat(stale.change()).isEqualTo(Change.STALE);
        assertThat(stale.change().opensOrCloses()).isFalse();
        assertThat(stale.onlySeen()).isTrue();
        assertThat(stale.finding().observedAt()).isEqualTo(finding.observedAt());
        assertThat(stale.finding().detail()).isEqualTo(finding.detail());
        assertThat(stale.finding().clearedAt()).isNull();
        assertThat(stale.finding().lastSeenAt()).isEqualTo(LATER);
    }

    @Test
    void aReopenedFindingKeepsWhenItWasFirstSeen() {
        Outcome reopened = cleared().observe(seen(Verdict.VULNERABLE, T3, "AlmaLinux 9.4"), LATER);
        assertThat(reopened.change().opensOrCloses()).isTrue();
        assertThat(reopened.onlySeen()).isFalse();
        assertThat(reopened.finding().clearedAt()).isNull();
        assertThat(reopened.finding().firstSeenAt()).isEqualTo(NOW);
        assertThat(reopened.finding().lastSeenAt()).isEqualTo(LATER);
        assertThat(reopened.finding().detail()).isEqualTo("AlmaLinux 9.4");
    }

    @Test
    void aClearedFindingSeenClearAgainStaysClearedSinceTheFirstClear() {
        Outcome newer = cleared().observe(seen(Verdict.CLEAR, T3, null), LATER);
        assertThat(newer.change()).isEqualTo(Change.SEEN);
        assertThat(newer.change().opensOrCloses()).isFalse();
        assertThat(newer.onlySeen()).isFalse();
        assertThat(newer.finding().clearedAt()).isEqualTo(NOW);
        assertThat(newer.finding().observedAt()).isEqualTo(T3);
        assertThat(newer.finding().lastSeenAt()).isEqualTo(LATER);

        Outcome same = cleared().observe(seen(Verdict.CLEAR, T2, null), LATER);
        assertThat(same.change()).isEqualTo(Change.SEEN);
        assertThat(same.onlySeen()).isTrue();

        Outcome older = cleared().observe(seen(Verdict.CLEAR, T1, null), LATER);
        assertThat(older.change()).isEqualTo(Change.SEEN);
        assertThat(older.onlySeen()).isTrue();
        assertThat(older.finding().observedAt()).isEqualTo(T2);
    }

    /**
     * The class Javadoc: "an observation older than the one the finding rests on changes nothing but the time it
     * was last seen" (Alertmanager retrying an old webhook after newer ones went through).
     */
    @Test
    void anOlderDeliveryOfAnOpenFindingDoesNotOverwriteItsDetailOrRef() {
        Observation retried = Observation.reported(
                        "PtujRPC",
                        "wn01.ptujrpc.si",
                        "CVE-2024-1086",
                        Verdict.VULNERABLE,
                        T1,
                        "old-fingerprint",
                        "AlmaLinux 9.2")
                .placedAt("PtujRPC", true);
        Outcome outcome = open().observe(retried, LATER);
        assertThat(outcome.change()).isEqualTo(Change.SEEN);
        assertThat(outcome.finding().observedAt()).isEqualTo(T2);
        assertThat(outcome.finding().lastSeenAt()).isEqualTo(LATER);
        assertThat(outcome.finding().detail()).isEqualTo("AlmaLinux");
        assertThat(outcome.finding().ref()).isEqualTo("fp");
        assertThat(outcome.onlySeen()).isTrue();
    }

    /** As above, for the cleared row of the table: an older clear changes nothing but last-seen. */
    @Test
    void anOlderClearOfAClearedFindingDoesNotOverwriteItsDetail() {
        Outcome outcome = cleared().observe(seen(Verdict.CLEAR, T1, "resolved long ago"), LATER);
        assertThat(outcome.change()).isEqualTo(Change.SEEN);
        assertThat(outcome.finding().observedAt()).isEqualTo(T2);
        assertThat(outcome.finding().detail()).isEqualTo("AlmaLinux");
        assertThat(outcome.onlySeen()).isTrue();
    }

    @Test
    void theKeyDiffersBySiteVulnerabilityAndSourceAndIgnoresWhatIsNotIdentity() {
        byte[] key = StoredFinding.key(Source.ALERTMANAGER, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si");
        assertThat(key)
                .hasSize(32)
                .isNotEqualTo(StoredFinding.key(Source.ALERTMANAGER, "SSC", "CVE-2024-1086", "wn01.ptujrpc.si"))
                .isNotEqualTo(StoredFinding.key(Source.ALERTMANAGER, "PtujRPC", "CVE-2021-4034", "wn01.ptujrpc.si"))
                .isNotEqualTo(StoredFinding.key(Source.PAKITI, "PtujRPC", "CVE-2024-1086", "wn01.ptujrpc.si"));
        StoredFinding one = StoredFinding.create(Source.ALERTMANAGER, seen(Verdict.VULNERABLE, T1, "a"), NOW)
                .orElseThrow()
                .finding();
        StoredFinding two = StoredFinding.create(
                        Source.ALERTMANAGER,
                        Observation.reported(
                                        "Ptuj",
                                        "wn01.ptujrpc.si",
                                        "CVE-2024-1086",
                                        Verdict.VULNERABLE,
                                        T3,
                                        "other",
                                        "b")
                                .placedAt("PtujRPC", false),
                        LATER)
                .orElseThrow()
                .finding();
        assertThat(one.key()).isEqualTo(two.key()).isEqualTo(key);
    }
}
