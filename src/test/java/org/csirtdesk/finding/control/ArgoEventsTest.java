package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.csirtdesk.finding.control.Fixtures.utf8;

import java.time.Instant;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

/** ARGO status events: CRITICAL finds, OK clears, the rest says nothing; the CVE is in the metric. */
class ArgoEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void theFixtureIsAVulnerableHostSeenWhenItArrived() {
        Observation observation = new ArgoEvents()
                .parse(Fixtures.bytes("argo-status-event.json"), NOW)
                .observations()
                .get(0);
        assertThat(observation.verdict()).isEqualTo(Verdict.VULNERABLE);
        assertThat(observation.reportedSite()).isEqualTo("PtujRPC");
        assertThat(observation.host()).isEqualTo("ce01.ptujrpc.si");
        assertThat(observation.vulnerability()).isEqualTo("CVE-2024-1086");
        assertThat(observation.observedAt()).isEqualTo(NOW);
        assertThat(observation.detail()).isEqualTo("ARC-CE: No mitigation found for CVE-2024-1086");
    }

    @Test
    void anArrayOfEventsWithEachStatus() {
        String event = "{\"endpoint_group\": \"PtujRPC\", \"hostname\": \"ce01.ptujrpc.si\", "
                + "\"metric\": \"eu.egi.sec.WN-check_CVE-2024-1086-ops\", \"status\": \"%s\"%s}";
        AlertBatch batch = new ArgoEvents()
                .parse(
                        utf8("["
                                + String.join(
                                        ",",
                                        event.formatted("OK", ""),
                                        event.formatted("WARNING", ""),
                                        event.formatted("CRITICAL", ", \"timestamp\": \"2026-11-21T07:00:00Z\""),
                                        event.formatted("CRITICAL", "").replace("CVE-2024-1086", "nothing"),
                                        event.formatted("CRITICAL", "")
                                                .replace("\"endpoint_group\": \"PtujRPC\", ", ""))
                                + "]"),
                        NOW);
        assertThat(batch.observations())
                .extracting(Observation::verdict)
                .containsExactly(Verdict.CLEAR, Verdict.VULNERABLE);
        assertThat(batch.observations().get(1).observedAt()).isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
        assertThat(batch.ignored()).isEqualTo(1);
        assertThat(batch.rejected()).extracting(FieldError::field).containsExactly("[3].metric", "[4].endpoint_group");
    }

    @Test
    void aByteOrderMarkBeforeTheJsonIsIgnored() {
        AlertBatch batch = new ArgoEvents().parse(utf8("\uFEFF" + EVENT.formatted("CRITICAL", "")), NOW);
        assertThat(batch.observations()).extracting(Observation::host).containsExactly("ce01.ptujrpc.si");
    }

    @Test
    void aBodyThatIsNoEventIsRefusedWhole() {
        DomainException refused =
                catchThrowableOfType(DomainException.class, () -> new ArgoEvents().parse(utf8("\"CRITICAL\""), NOW));
        assertThat(refused.errors().get(0).field()).isEqualTo("body");
    }

    private static final String EVENT = "{\"endpoint_group\": \"PtujRPC\", \"hostname\": \"ce01.ptujrpc.si\", "
            + "\"metric\": \"eu.egi.sec.WN-check_CVE-2024-1086-ops\", \"status\": \"%s\"%s}";

    @Test
    void theFixtureIsOneItemWithNothingRefusedOrIgnored() {
        AlertBatch batch = new ArgoEvents().parse(Fixtures.bytes("argo-status-event.json"), NOW);
        assertThat(batch.observations()).hasSize(1);
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.ignored()).isZero();
        assertThat(batch.coverage().isEmpty()).isTrue();
        assertThat(batch.observations().get(0).ref()).isNull();
    }

    @Test
    void okClearsWhenItArrivedAndOnlyCriticalAndOkSayAnything() {
        AlertBatch batch = new ArgoEvents()
                .parse(
                        utf8("["
                                + String.join(
                                        ",",
                                        EVENT.formatted("OK", ""),
                                        EVENT.formatted("critical", ""),
                                        EVENT.formatted("UNKNOWN", ""),
                                        EVENT.formatted("WARNING", ", \"timestamp\": \"2026-11-21T07:00:00Z\""))
                                + "]"),
                        NOW);
        assertThat(batch.observations())
                .extracting(Observation::verdict, Observation::observedAt)
                .containsExactly(tuple(Verdict.CLEAR, NOW), tuple(Verdict.VULNERABLE, NOW));
        assertThat(batch.ignored()).isEqualTo(2);
        assertThat(batch.received()).isEqualTo(4);
    }

    @Test
    void aCriticalEventWithATimestampWasSeenThen() {
        Observation observation = new ArgoEvents()
                .parse(utf8(EVENT.formatted("CRITICAL", ", \"timestamp\": \"2026-11-21T08:00:00+01:00\"")), NOW)
                .observations()
                .get(0);
        assertThat(observation.observedAt()).isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
    }

    @Test
    void aMetricWithoutACveAndAnEventWithoutItsSiteAreRefusedByIndex() {
        AlertBatch batch = new ArgoEvents()
                .parse(
                        utf8("["
                                + String.join(
                                        ",",
                                        EVENT.formatted("CRITICAL", ""),
                                        EVENT.formatted("CRITICAL", "").replace("check_CVE-2024-1086", "check_kernel"),
                                        EVENT.formatted("CRITICAL", "")
                                                .replace("\"endpoint_group\": \"PtujRPC\", ", ""))
                                + "]"),
                        NOW);
        assertThat(batch.observations()).hasSize(1);
        assertThat(batch.rejected())
                .extracting(FieldError::field, FieldError::reason)
                .containsExactly(
                        tuple("[1].metric", "'eu.egi.sec.WN-check_kernel-ops' names no CVE id"),
                        tuple("[2].endpoint_group", "names no site"));
    }

    @Test
    void aSingleEventsProblemsAreNamedWithoutAnIndex() {
        AlertBatch batch =
                new ArgoEvents().parse(utf8(EVENT.formatted("CRITICAL", "").replace("CVE-2024-1086", "x")), NOW);
        assertThat(batch.rejected()).extracting(FieldError::field).containsExactly("metric");
    }

    @Test
    void aBodyThatIsNotJsonOrNotAnEventIsRefusedWhole() {
        for (String body : new String[] {"42", "{\"status\": ", ""}) {
            DomainException refused =
                    catchThrowableOfType(DomainException.class, () -> new ArgoEvents().parse(utf8(body), NOW));
            assertThat(refused.errors()).as(body).extracting(FieldError::field).containsExactly("body");
        }
    }

    /**
     * Events one per line (newline-delimited JSON, as streams of ARGO events are written) are not one JSON value:
     * reading only the first and dropping the rest unseen loses findings, so the body is refused.
     */
    @Test
    void eventsOnePerLineAreNotOneDocumentAndAreRefused() {
        String lines = EVENT.formatted("CRITICAL", "") + "\n"
                + EVENT.formatted("OK", "").replace("ce01", "ce02") + "\n";
        DomainException refused =
                catchThrowableOfType(DomainException.class, () -> new ArgoEvents().parse(utf8(lines), NOW));
        assertThat(refused)
                .as("parsed instead: only the first event, the second dropped")
                .isNotNull();
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("body");
    }

    /** A status of the wrong type is one problem of that field, not also "is missing". */
    @Test
    void aStatusThatIsNotAStringIsOneProblemAndAnAbsentOneIsMissing() {
        String event = EVENT.formatted("x", "");
        AlertBatch batch = new ArgoEvents()
                .parse(
                        utf8("[" + event.replace("\"status\": \"x\"", "\"status\": 2") + ","
                                + event.replace(", \"status\": \"x\"", "") + "]"),
                        NOW);
        assertThat(batch.rejected())
                .extracting(FieldError::field, FieldError::reason)
                .containsExactly(
                        tuple("[0].status", "must be a string, not number"), tuple("[1].status", "is missing"));
        assertThat(batch.received()).isEqualTo(2);
    }
}
