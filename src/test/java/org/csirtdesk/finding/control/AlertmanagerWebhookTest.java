package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.csirtdesk.finding.control.Fixtures.utf8;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

/** Alertmanager's webhook, version 4: firing and resolved alerts, configurable labels, bad alerts by index. */
class AlertmanagerWebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static AlertmanagerWebhook webhook() {
        AlertmanagerWebhook webhook = new AlertmanagerWebhook();
        webhook.siteLabel = "site";
        webhook.vulnerabilityLabel = "cve";
        webhook.hostLabel = "hostname";
        webhook.severityLabel = "severity";
        webhook.severities = Optional.empty();
        return webhook;
    }

    private static String alert(String status, String labels, String startsAt, String endsAt) {
        return "{\"status\": \"" + status + "\", \"labels\": {" + labels + "}, \"startsAt\": \"" + startsAt
                + "\", \"endsAt\": \"" + endsAt + "\", \"fingerprint\": \"f\"}";
    }

    private static String envelope(String... alerts) {
        return "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [" + String.join(",", alerts) + "]}";
    }

    private static final String PTUJ =
            "\"cve\": \"CVE-2024-1086\", \"site\": \"PtujRPC\", \"hostname\": \"wn01.ptujrpc.si\", "
                    + "\"severity\": \"critical\"";

    @Test
    void theFixtureIsOneFiringAlertSeenAtItsStart() {
        AlertBatch batch = webhook().parse(Fixtures.bytes("alertmanager-webhook-v4.json"), NOW);
        Observation observation = batch.observations().get(0);
        assertThat(observation.verdict()).isEqualTo(Verdict.VULNERABLE);
        assertThat(observation.reportedSite()).isEqualTo("PtujRPC");
        assertThat(observation.host()).isEqualTo("wn01.ptujrpc.si");
        assertThat(observation.vulnerability()).isEqualTo("CVE-2024-1086");
        assertThat(observation.observedAt()).isEqualTo(Instant.parse("2026-11-21T06:15:00Z"));
        assertThat(observation.ref()).isEqualTo("3f2a9c1b7d4e5a60");
        assertThat(observation.detail()).contains("severity critical", "detected on wn01.ptujrpc.si");
    }

    @Test
    void aResolvedAlertIsClearAtItsEnd() {
        Observation observation = webhook()
                .parse(
                        utf8(envelope(
                                alert("resolved", PTUJ, "2026-11-21T06:15:00Z", "2026-11-22T07:00:00.000+01:00"))),
                        NOW)
                .observations()
                .get(0);
        assertThat(observation.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(observation.observedAt()).isEqualTo(Instant.parse("2026-11-22T06:00:00Z"));
    }

    @Test
    void theLabelsAreConfiguredAndAHostAloneLeavesTheSiteToTheRegistry() {
        AlertmanagerWebhook webhook = webhook();
        webhook.siteLabel = "gocdb_site";
        webhook.vulnerabilityLabel = "vulnerability";
        Observation observation = webhook.parse(
                        utf8(envelope(alert(
                                "firing",
                                "\"vulnerability\": \"cve-2024-1086\", "
                                        + "\"gocdb_site\": \"Izola MRF\", \"hostname\": \"CE01.izolamrf.si\"",
                                "2026-11-21T06:15:00Z",
                                "0001-01-01T00:00:00Z"))),
                        NOW)
                .observations()
                .get(0);
        assertThat(observation.reportedSite()).isEqualTo("Izola MRF");
        assertThat(observation.vulnerability()).isEqualTo("CVE-2024-1086");
        assertThat(observation.host()).isEqualTo("ce01.izolamrf.si");

        Observation hostOnly = webhook()
                .parse(
                        utf8(envelope(alert(
                                "firing",
                                "\"cve\": \"CVE-2024-1086\", " + "\"hostname\": \"ce01.izolamrf.si\"",
                                "2026-11-21T06:15:00Z",
                                "0001-01-01T00:00:00Z"))),
                        NOW)
                .observations()
                .get(0);
        assertThat(hostOnly.reportedSite()).isNull();
    }

    @Test
    void badAlertsAreNamedByIndexAndTheGoodOnesKept() {
        AlertBatch batch = webhook()
                .parse(
                        utf8(envelope(
                                alert("firing", PTUJ, "2026-11-21T06:15:00Z", "0001-01-01T00:00:00Z"),
                                alert(
                                        "firing",
                                        "\"site\": \"PtujRPC\", \"hostname\": \"wn02.ptujrpc.si\"",
                                        "2026-11-21T06:15:00Z",
                                        ""),
                                alert("firing", PTUJ.replace("CVE-2024-1086", "not-a-cve"), "2026-11-21T06:15:00Z", ""),
                                alert("firing", PTUJ, "2026-11-24T12:00:00Z", ""),
                                alert("pending", PTUJ.replace("PtujRPC", "Ptuj\\nRPC"), "2026-11-21T06:15:00Z", ""),
                                "42")),
                        NOW);
        assertThat(batch.observations()).hasSize(1);
        assertThat(batch.rejected())
                .extracting(FieldError::field)
                .containsExactly(
                        "alerts[1].labels.cve",
                        "alerts[2].labels.cve",
                        "alerts[3].startsAt",
                        "alerts[4].status",
                        "alerts[4].labels.site",
                        "alerts[5].");
        assertThat(batch.rejected().get(1).reason()).contains("'not-a-cve'");
        assertThat(batch.rejected().get(4).reason()).contains("control characters");
    }

    @Test
    void siteNamesWithSpacesHyphensAndAccentsAreTakenAsWritten() {
        for (String site : new String[] {"Izola MRF", "UNI-FREIBURG", "Ljubljana_ÜNI", "IN2P3-CC.T1"}) {
            Observation observation = webhook()
                    .parse(
                            utf8(envelope(alert("firing", PTUJ.replace("PtujRPC", site), "2026-11-21T06:15:00Z", ""))),
                            NOW)
                    .observations()
                    .get(0);
            assertThat(observation.reportedSite()).isEqualTo(site);
        }
    }

    @Test
    void onlyTheConfiguredSeveritiesCount() {
        AlertmanagerWebhook webhook = webhook();
        webhook.severities = Optional.of("critical, high");
        AlertBatch batch = webhook.parse(
                utf8(envelope(
                        alert("firing", PTUJ, "2026-11-21T06:15:00Z", ""),
                        alert("firing", PTUJ.replace("critical", "warning"), "2026-11-21T06:15:00Z", ""))),
                NOW);
        assertThat(batch.observations()).hasSize(1);
        assertThat(batch.ignored()).isEqualTo(1);
    }

    @Test
    void aDocumentThatIsNotAVersion4WebhookIsRefusedWhole() {
        assertThat(refused("{\"version\": \"3\", \"alerts\": []}")
                        .errors()
                        .get(0)
                        .field())
                .isEqualTo("version");
        assertThat(refused("{\"version\": \"4\", \"alerts\": {}}")
                        .errors()
                        .get(0)
                        .field())
                .isEqualTo("alerts");
        DomainException malformed = refused("{\"version\": \"4\", \"alerts\": [");
        assertThat(malformed.errors().get(0).field()).isEqualTo("body");
        assertThat(malformed.getMessage()).contains("line 1");
        assertThat(refused("[]").errors().get(0).field()).isEqualTo("body");
        assertThat(refused("").errors().get(0).field()).isEqualTo("body");
    }

    private static DomainException refused(String body) {
        return catchThrowableOfType(DomainException.class, () -> webhook().parse(utf8(body), NOW));
    }

    @Test
    void onlyCriticalCountsWhenOnlyCriticalIsConfigured() {
        AlertmanagerWebhook webhook = webhook();
        webhook.severities = Optional.of("critical");
        AlertBatch batch = webhook.parse(
                utf8(envelope(
                        alert("firing", PTUJ, "2026-11-21T06:15:00Z", ""),
                        alert("firing", PTUJ.replace("critical", "warning"), "2026-11-21T06:15:00Z", ""),
                        alert("firing", PTUJ.replace("critical", "CRITICAL"), "2026-11-21T06:15:00Z", ""))),
                NOW);
        assertThat(batch.observations()).hasSize(2);
        assertThat(batch.ignored()).isEqualTo(1);
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.received()).isEqualTo(3);
    }

    @Test
    void aLowerCaseCveIsTakenInUpperCase() {
        Observation observation = webhook()
                .parse(
                        utf8(envelope(alert(
                                "firing", PTUJ.replace("CVE-2024-1086", "cve-2024-1086"), "2026-11-21T06:15:00Z", ""))),
                        NOW)
                .observations()
                .get(0);
        assertThat(observation.vulnerability()).isEqualTo("CVE-2024-1086");
    }

    @Test
    void anAlertWithoutItsCveIsRefusedByIndexWhileTheOthersAreKept() {
        AlertBatch batch = webhook()
                .parse(
                        utf8(envelope(
                                alert("firing", PTUJ, "2026-11-21T06:15:00Z", ""),
                                alert(
                                        "firing",
                                        "\"site\": \"PtujRPC\", \"hostname\": \"wn02.ptujrpc.si\"",
                                        "2026-11-21T06:15:00Z",
                                        ""))),
                        NOW);
        assertThat(batch.observations()).extracting(Observation::host).containsExactly("wn01.ptujrpc.si");
        assertThat(batch.rejected()).extracting(FieldError::field).containsExactly("alerts[1].labels.cve");
        assertThat(batch.rejected().get(0).reason()).isEqualTo("names no vulnerability");
    }

    @Test
    void aStartMoreThanTheClockToleranceAheadIsAWrongClock() {
        AlertBatch batch = webhook()
                .parse(
                        utf8(envelope(
                                alert(
                                        "firing",
                                        PTUJ,
                                        NOW.plus(Duration.ofDays(1)).toString(),
                                        ""),
                                alert(
                                        "firing",
                                        PTUJ,
                                        NOW.plus(Duration.ofMinutes(10)).toString(),
                                        ""))),
                        NOW);
        assertThat(batch.rejected()).extracting(FieldError::field).containsExactly("alerts[0].startsAt");
        assertThat(batch.rejected().get(0).reason()).contains("future");
        assertThat(batch.observations())
                .extracting(Observation::observedAt)
                .containsExactly(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aSiteLabelWithALineBreakIsRefused() {
        AlertBatch batch = webhook()
                .parse(
                        utf8(envelope(
                                alert("firing", PTUJ.replace("PtujRPC", "Ptuj\\nRPC"), "2026-11-21T06:15:00Z", ""))),
                        NOW);
        assertThat(batch.observations()).isEmpty();
        assertThat(batch.rejected()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("alerts[0].labels.site");
            assertThat(error.reason()).contains("control characters");
        });
    }

    /**
     * ItemCheck: "a site name cannot hold control characters (line breaks, tabs)". U+0085 (NEXT LINE) and U+009B
     * (CSI, the start of a terminal escape) are control characters (Unicode category Cc) as much as U+000A, and
     * JSON carries them unescaped; {@code \p{Cntrl}} matches only the ASCII ones.
     */
    @Test
    void aSiteLabelWithAUnicodeControlCharacterIsRefused() {
        for (String control : new String[] {"\u0085", "\u009b"}) {
            AlertBatch batch = webhook()
                    .parse(
                            utf8(envelope(alert(
                                    "firing",
                                    PTUJ.replace("PtujRPC", "Ptuj" + control + "RPC"),
                                    "2026-11-21T06:15:00Z",
                                    ""))),
                            NOW);
            assertThat(batch.rejected())
                    .as("U+%04X", (int) control.charAt(0))
                    .extracting(FieldError::field)
                    .containsExactly("alerts[0].labels.site");
        }
    }

    @Test
    void aVersionThatIsNotTheString4IsRefused() {
        assertThat(refused("{\"version\": 4, \"alerts\": []}").errors().get(0).field())
                .isEqualTo("version");
        assertThat(refused("{\"alerts\": []}").errors().get(0).reason()).startsWith("is missing");
    }

    /**
     * AlertBatch.received() is how many items the report held (IngestSummary: "how many items it held"); an
     * alert with two problems is one item refused, not two.
     */
    @Test
    void anAlertWithTwoProblemsIsOneItemReceived() {
        AlertBatch batch = webhook()
                .parse(
                        utf8(envelope(
                                alert("firing", PTUJ, "2026-11-21T06:15:00Z", ""),
                                alert(
                                        "pending",
                                        "\"site\": \"PtujRPC\", \"hostname\": \"wn02.ptujrpc.si\"",
                                        "2026-11-21T06:15:00Z",
                                        ""))),
                        NOW);
        assertThat(batch.rejected())
                .extracting(FieldError::field)
                .containsExactly("alerts[1].status", "alerts[1].labels.cve");
        assertThat(batch.received()).isEqualTo(2);
    }

    /** A body is one JSON document; anything after it is malformed JSON, not something to drop unread. */
    @Test
    void somethingAfterTheWebhookIsMalformedJson() {
        String webhook = envelope(alert("firing", PTUJ, "2026-11-21T06:15:00Z", ""));
        DomainException refused = refused(webhook + webhook.replace("wn01", "wn02"));
        assertThat(refused).as("parsed instead: only the first webhook").isNotNull();
        assertThat(refused.errors().get(0).field()).isEqualTo("body");
    }

    /** A status of the wrong type is one problem of that field, not also "is missing". */
    @Test
    void aStatusThatIsNotAStringIsOneProblemAndAnAbsentOneIsMissing() {
        String alert = alert("x", PTUJ, "2026-11-21T06:15:00Z", "");
        AlertBatch batch = webhook()
                .parse(
                        utf8(envelope(
                                alert.replace("\"status\": \"x\"", "\"status\": true"),
                                alert.replace("\"status\": \"x\", ", ""))),
                        NOW);
        assertThat(batch.rejected())
                .extracting(FieldError::field, FieldError::reason)
                .containsExactly(
                        tuple("alerts[0].status", "must be a string, not true"),
                        tuple("alerts[1].status", "is missing"));
    }
}
