package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.IngestSummary;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.site.control.SiteDirectory;
import org.junit.jupiter.api.Test;

/**
 * A report none of whose items can be stored is refused before the registry or the store is asked anything; the
 * others are placed at their sites, the host's GOCDB site first.
 */
class IntakeTest {

    private static final Instant SEEN = Instant.parse("2026-11-21T06:12:44Z");

    /**
     * GOCDB knows PtujRPC (listing wn01.ptujrpc.si) and SSC; the store keeps what it is given, after failing with
     * each of {@code failures} in turn.
     */
    private final List<Observation> stored = new ArrayList<>();

    private final Deque<RuntimeException> failures = new ArrayDeque<>();

    private int storeCalls;

    private final Intake intake = new Intake();

    {
        intake.directory = new SiteDirectory() {
            @Override
            public Map<String, String> namesOf(Collection<String> reported) {
                Map<String, String> names = new HashMap<>();
                reported.stream()
                        .filter(name -> name.equalsIgnoreCase("PtujRPC") || name.equalsIgnoreCase("SSC"))
                        .forEach(name ->
                                names.put(name.toLowerCase(), name.equalsIgnoreCase("SSC") ? "SSC" : "PtujRPC"));
                return names;
            }

            @Override
            public Map<String, String> sitesOfHosts(Collection<String> hostnames) {
                return hostnames.contains("wn01.ptujrpc.si") ? Map.of("wn01.ptujrpc.si", "PtujRPC") : Map.of();
            }
        };
        intake.store = new FindingStore() {
            @Override
            public Tally apply(Source source, List<Observation> observations, Set<ExposureKey> covered) {
                storeCalls++;
                if (!failures.isEmpty()) {
                    throw failures.pop();
                }
                stored.addAll(observations);
                return new Tally(Map.of(), 0, 0);
            }
        };
    }

    private static Observation vulnerable(String site, String host) {
        return Observation.reported(site, host, "CVE-2024-1086", Verdict.VULNERABLE, SEEN, null, null);
    }

    @Test
    void aHostIsStoredAtItsGocdbSiteWhicheverSiteTheReportNamedAndTheAnswerSaysSo() {
        IngestSummary answer = intake.ingest(
                Source.PAKITI,
                new AlertBatch(
                        List.of(
                                vulnerable("SSC", "wn01.ptujrpc.si"),
                                vulnerable("ssc", "wn07.ssc.si"),
                                vulnerable("Nowhere", "wn01.ptujrpc.si")),
                        List.of(),
                        0,
                        0,
                        Coverage.NONE));

        assertThat(stored)
                .extracting(Observation::site, Observation::siteKnown, Observation::reportedSite)
                .containsExactly(
                        tuple("PtujRPC", true, "SSC"), tuple("SSC", true, "ssc"), tuple("PtujRPC", true, "Nowhere"));
        assertThat(answer.placedAtGocdbSite())
                .containsExactly(
                        new IngestSummary.SiteDisagreement("Nowhere", "PtujRPC", 1, List.of("wn01.ptujrpc.si")),
                        new IngestSummary.SiteDisagreement("SSC", "PtujRPC", 1, List.of("wn01.ptujrpc.si")));
        assertThat(answer.unknownSites()).isEmpty();
    }

    @Test
    void aHostGocdbDoesNotListStaysAtTheReportedSite() {
        IngestSummary answer = intake.ingest(
                Source.PAKITI,
                new AlertBatch(
                        List.of(vulnerable("Nowhere", "wn09.nowhere.org"), vulnerable(null, "wn01.ptujrpc.si")),
                        List.of(),
                        0,
                        0,
                        Coverage.NONE));

        assertThat(stored)
                .extracting(Observation::site, Observation::siteKnown)
                .containsExactly(tuple("Nowhere", false), tuple("PtujRPC", true));
        assertThat(answer.placedAtGocdbSite()).isEmpty();
        assertThat(answer.unknownSites()).containsExactly("Nowhere");
    }

    @Test
    void aReportOfOnlyBadItemsIsRefusedCountingItemsNotProblems() {
        List<FieldError> problems = List.of(
                new FieldError("alerts[0].status", "is missing"),
                new FieldError("alerts[0].labels.cve", "names no vulnerability"),
                new FieldError("alerts[1].labels.host", "names no host"));
        DomainException refused = catchThrowableOfType(DomainException.class, () -> new Intake()
                .ingest(Source.ALERTMANAGER, new AlertBatch(List.of(), problems, 2, 0, Coverage.NONE)));
        assertThat(refused.getMessage()).isEqualTo("none of the 2 items can be stored; nothing was");
        assertThat(refused.errors()).isEqualTo(problems);
    }

    private static AlertBatch oneHost() {
        return new AlertBatch(List.of(vulnerable("SSC", "wn07.ssc.si")), List.of(), 0, 0, Coverage.NONE);
    }

    @Test
    void aReportChosenAsDeadlockVictimIsStoredOnTheNextAttempt() {
        failures.add(new PersistenceException(new SQLException("Deadlock found", "40001", 1213)));
        failures.add(new PersistenceException(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));

        intake.ingest(Source.PAKITI, oneHost());

        assertThat(storeCalls).isEqualTo(3);
        assertThat(stored).extracting(Observation::host).containsExactly("wn07.ssc.si");
    }

    @Test
    void aLostDatabaseIsNotTriedAgain() {
        PersistenceException lost =
                new PersistenceException(new SQLNonTransientConnectionException("Socket error", "08000"));
        failures.add(lost);

        assertThat(catchThrowableOfType(PersistenceException.class, () -> intake.ingest(Source.PAKITI, oneHost())))
                .isSameAs(lost);
        assertThat(storeCalls).isEqualTo(1);
    }
}
