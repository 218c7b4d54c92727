package org.csirtdesk.finding.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Api.Answer;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Monitoring reports of the three formats, through the running application and its MariaDB: findings stored
 * once however often they are posted, sites turning vulnerable and clear, one Incident Report per
 * vulnerability with one line per report that changed something, and bad input refused with the reason.
 * Each test uses its own CVE, so the tests do not see each other's findings.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FindingsIT {

    static final String ALERTMANAGER_TOKEN = "am-token-for-findings-it-0123456789";
    static final String PAKITI_TOKEN = "pakiti-token-for-findings-it-0123456789";
    static final String ARGO_TOKEN = "argo-token-for-findings-it-0123456789";
    private static final String HEADER = "tag,cve,site,host,os,arch,last_report\n";

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        return Deployments.war(Map.of(
                "csirt.site.registry",
                "embedded",
                "csirt.site.status-change",
                "embedded",
                "csirt.alerts.alertmanager.token-sha256",
                Secrets.sha256(ALERTMANAGER_TOKEN),
                "csirt.alerts.pakiti.token-sha256",
                Secrets.sha256(PAKITI_TOKEN),
                "csirt.alerts.argo.token-sha256",
                Secrets.sha256(ARGO_TOKEN)));
    }

    @BeforeEach
    void refreshed() {
        api = TestUsers.everyRole(new Api(deployment));
        api.refreshSites();
    }

    @Test
    void aPakitiSnapshotFindsHostsClearsTheOnesItNoLongerListsAndRepeatsChangeNothing() {
        String cve = "CVE-2026-1001";
        JsonObject first = pakiti(
                        HEADER
                                + row(cve, "PtujRPC", "wn01.ptujrpc.si", "2026-11-21 06:12:44")
                                + row(cve, "PtujRPC", "wn02.ptujrpc.si", "2026-11-21 06:14:02")
                                + row(cve, "ptujrpc", "WN02.ptujrpc.si", "2026-11-21 06:14:02")
                                + "Other-Tag," + cve + ",SSC,wn07.ssc.si,Linux,x86_64,2026-11-21 06:00:00\n",
                        "")
                .json();
        assertThat(first.getInt("received")).isEqualTo(4);
        assertThat(first.getInt("created")).isEqualTo(2);
        assertThat(first.getInt("ignored")).isEqualTo(1);
        assertThat(first.getInt("sitesVulnerable")).isEqualTo(1);

        JsonObject exposure = exposure(cve, "PtujRPC");
        assertThat(exposure.getString("state")).isEqualTo("VULNERABLE");
        assertThat(strings(exposure.getJsonArray("hosts"))).containsExactly("wn01.ptujrpc.si", "wn02.ptujrpc.si");
        assertThat(Instant.parse(exposure.getString("since"))).isEqualTo(Instant.parse("2026-11-21T06:12:44Z"));
        long report = api.get("api/vulnerabilities/" + cve)
                .json()
                .getJsonNumber("reportTicket")
                .longValue();
        JsonObject ticket = api.get("api/tickets/" + report).json();
        assertThat(ticket.getString("queue")).isEqualTo("incident-reports");
        String opening = history(report).getJsonObject(0).getString("content");
        assertThat(opening).contains("PtujRPC", "wn01.ptujrpc.si, wn02.ptujrpc.si", "since 2026-11-21 06:12 UTC");

        int opened = history(report).size();
        JsonObject again = pakiti(
                        HEADER
                                + row(cve, "PtujRPC", "wn01.ptujrpc.si", "2026-11-21 06:12:44")
                                + row(cve, "PtujRPC", "wn02.ptujrpc.si", "2026-11-21 06:14:02"),
                        "")
                .json();
        assertThat(again.getInt("created")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(history(report))
                .as("a report that changes nothing writes nothing")
                .hasSize(opened);

        int before = history(report).size();
        JsonObject later = pakiti(HEADER + row(cve, "PtujRPC", "wn01.ptujrpc.si", "2026-11-22 06:12:44"), "")
                .json();
        assertThat(later.getInt("cleared")).isEqualTo(1);
        assertThat(later.getInt("sitesCleared")).isZero();
        JsonObject wn02 =
                findings("vulnerability=" + cve + "&host=wn02.ptujrpc.si").getJsonObject(0);
        assertThat(wn02.getBoolean("open")).isFalse();
        assertThat(wn02.getString("clearedAt")).isNotBlank();
        JsonArray lines = history(report);
        assertThat(lines).hasSize(before + 1);
        assertThat(lines.getJsonObject(before).getString("content"))
                .contains("cleared: wn02.ptujrpc.si", "still vulnerable");
    }

    @Test
    @DisplayName("SEC03-3.1: a site vulnerable again after all its hosts were clear is flagged as a re-introduction")
    void aSiteThatTurnsVulnerableAgainIsAReintroduction() {
        String cve = "CVE-2026-1002";
        pakiti(HEADER + row(cve, "Izola MRF", "ce01.izolamrf.si", "2026-11-20 10:00:00"), "");
        JsonObject cleared = pakiti(HEADER, "?site=Izola%20MRF").json();
        assertThat(cleared.getInt("cleared")).isEqualTo(1);
        assertThat(cleared.getInt("sitesCleared")).isEqualTo(1);
        assertThat(exposure(cve, "Izola MRF").getString("state")).isEqualTo("CLEAR");

        JsonObject stale = pakiti(HEADER + row(cve, "Izola MRF", "ce01.izolamrf.si", "2026-11-20 10:00:00"), "")
                .json();
        assertThat(stale.getInt("reopened"))
                .as("an old report sent again says nothing new")
                .isZero();

        JsonObject back = pakiti(HEADER + row(cve, "Izola MRF", "ce01.izolamrf.si", "2026-11-22 09:30:00"), "")
                .json();
        assertThat(back.getInt("reopened")).isEqualTo(1);
        assertThat(back.getInt("sitesVulnerable")).isEqualTo(1);
        JsonObject exposure = exposure(cve, "Izola MRF");
        assertThat(exposure.getString("state")).isEqualTo("VULNERABLE");
        assertThat(exposure.getBoolean("reintroduced")).isTrue();
        assertThat(exposure.getInt("timesVulnerable")).isEqualTo(2);
        JsonArray events = api.get("api/vulnerabilities/" + cve + "/events").array();
        assertThat(events.getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("kind"), e -> e.getBoolean("reintroduced"))
                .containsExactly(tuple("VULNERABLE", false), tuple("CLEAR", false), tuple("VULNERABLE", true));
        long report = api.get("api/vulnerabilities/" + cve)
                .json()
                .getJsonNumber("reportTicket")
                .longValue();
        JsonArray lines = history(report);
        assertThat(lines.getJsonObject(lines.size() - 1).getString("content"))
                .contains("Izola MRF", "RE-INTRODUCTION", "SEC03-3.1", "2026-11-22 09:30 UTC");
    }

    @Test
    void alertmanagerWebhooksAreIdempotentAndAnOldFiringAfterTheResolveChangesNothing() {
        String cve = "CVE-2026-1003";
        String firing = webhook("firing", cve, "PtujRPC", "wn01.ptujrpc.si", "2026-11-21T06:15:00Z", null, "fp-1003");
        JsonObject first = alertmanager(firing).json();
        assertThat(first.getInt("created")).isEqualTo(1);
        JsonObject retried = alertmanager(firing).json();
        assertThat(retried.getInt("created")).isZero();
        assertThat(retried.getInt("unchanged")).isEqualTo(1);
        JsonObject finding = findings("vulnerability=" + cve).getJsonObject(0);
        assertThat(finding.getString("ref")).isEqualTo("fp-1003");
        assertThat(Instant.parse(finding.getString("observedAt"))).isEqualTo(Instant.parse("2026-11-21T06:15:00Z"));

        String resolved = webhook(
                "resolved",
                cve,
                "PtujRPC",
                "wn01.ptujrpc.si",
                "2026-11-21T06:15:00Z",
                "2026-11-22T08:00:00Z",
                "fp-1003");
        assertThat(alertmanager(resolved).json().getInt("sitesCleared")).isEqualTo(1);
        assertThat(alertmanager(firing).json().getInt("reopened"))
                .as("a late retry of the first webhook")
                .isZero();
        assertThat(exposure(cve, "PtujRPC").getString("state")).isEqualTo("CLEAR");
    }

    @Test
    void sendersRacingWithTheSameAlertsStoreEachFindingOnceAndOpenOneIncidentReport() throws Exception {
        String cve = "CVE-2026-1009";
        StringBuilder alerts = new StringBuilder();
        for (int host = 1; host <= 20; host++) {
            alerts.append(host == 1 ? "" : ",")
                    .append(alert(
                            "firing",
                            cve,
                            host % 2 == 0 ? "PtujRPC" : "SSC",
                            "node" + host + ".example.org",
                            "2026-11-21T06:15:00Z",
                            null,
                            "fp-" + host));
        }
        String webhook = envelope(alerts.toString());
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(senders.submit(() -> alertmanager(webhook).json()));
            }
            int created = 0;
            for (Future<JsonObject> answer : answers) {
                created += answer.get(60, TimeUnit.SECONDS).getInt("created");
            }
            assertThat(created).isEqualTo(20);
        } finally {
            senders.shutdownNow();
        }
        assertThat(api.get("api/findings?vulnerability=" + cve).json().getInt("total"))
                .isEqualTo(20);
        assertThat(api.get("api/exposures?vulnerability=" + cve + "&state=VULNERABLE")
                        .json()
                        .getInt("total"))
                .isEqualTo(2);
        long report = api.get("api/vulnerabilities/" + cve)
                .json()
                .getJsonNumber("reportTicket")
                .longValue();
        assertThat(api.get("api/tickets?queue=incident-reports&size=500")
                        .json()
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class))
                .filteredOn(ticket -> ticket.getString("subject").startsWith(cve))
                .extracting(ticket -> ticket.getJsonNumber("id").longValue())
                .containsExactly(report);
    }

    @Test
    void argoEventsFindAndClearAndAHostAloneFindsItsSite() {
        String cve = "CVE-2026-1004";
        String critical =
                "{\"endpoint_group\": \"PtujRPC\", \"service\": \"ARC-CE\", \"hostname\": \"ce01.ptujrpc.si\", "
                        + "\"metric\": \"eu.egi.sec.WN-check_" + cve
                        + "-ops\", \"status\": \"CRITICAL\", \"summary\": \"No mitigation\", "
                        + "\"timestamp\": \"2026-11-21T07:00:00Z\"}";
        assertThat(argo(critical).json().getInt("created")).isEqualTo(1);
        assertThat(exposure(cve, "PtujRPC").getString("state")).isEqualTo("VULNERABLE");
        String ok = "[" + critical.replace("CRITICAL", "OK").replace("07:00:00Z", "09:00:00Z") + ", "
                + critical.replace("CRITICAL", "WARNING") + "]";
        JsonObject answer = argo(ok).json();
        assertThat(answer.getInt("cleared")).isEqualTo(1);
        assertThat(answer.getInt("ignored")).isEqualTo(1);
        assertThat(exposure(cve, "PtujRPC").getString("state")).isEqualTo("CLEAR");

        String hostOnly = webhook("firing", cve, null, "wn07.ssc.si", "2026-11-21T06:15:00Z", null, "fp-1004");
        assertThat(alertmanager(hostOnly).json().getInt("created")).isEqualTo(1);
        JsonObject placed =
                findings("vulnerability=" + cve + "&source=alertmanager").getJsonObject(0);
        assertThat(placed.getString("site")).isEqualTo("SSC");
        assertThat(placed.getBoolean("siteKnown")).isTrue();
    }

    @Test
    void anUnknownSiteIsKeptAndShownAndOddCharactersAndQuotedFieldsAreRead() {
        String cve = "CVE-2026-1005";
        JsonObject answer = pakiti(
                        HEADER + "EGI-Critical," + cve + ",\"Nowhere, Ünï Site\",node1.nowhere.example,"
                                + "\"AlmaLinux 9.3, \"\"Shamrock\"\"\",x86_64,2026-11-21 06:00:00\n",
                        "")
                .json();
        assertThat(answer.getInt("created")).isEqualTo(1);
        assertThat(strings(answer.getJsonArray("unknownSites"))).containsExactly("Nowhere, Ünï Site");
        JsonObject finding = findings("vulnerability=" + cve).getJsonObject(0);
        assertThat(finding.getString("site")).isEqualTo("Nowhere, Ünï Site");
        assertThat(finding.getBoolean("siteKnown")).isFalse();
        assertThat(finding.getString("detail")).isEqualTo("AlmaLinux 9.3, \"Shamrock\" x86_64");
        assertThat(findings("known=false").getValuesAs(JsonObject.class))
                .extracting(f -> f.getString("site"))
                .contains("Nowhere, Ünï Site")
                .doesNotContain("PtujRPC");
        long report = api.get("api/vulnerabilities/" + cve)
                .json()
                .getJsonNumber("reportTicket")
                .longValue();
        assertThat(history(report).getJsonObject(0).getString("content")).contains("Nowhere, Ünï Site (not in GOCDB)");
    }

    @Test
    void aBatchStoresItsGoodItemsAndNamesTheBadOnesByIndex() {
        String cve = "CVE-2026-1006";
        String good = alert("firing", cve, "PtujRPC", "wn01.ptujrpc.si", "2026-11-21T06:15:00Z", null, "fp-a");
        String bad = alert("firing", "not-a-cve", "PtujRPC", "wn02.ptujrpc.si", "2026-11-21T06:15:00Z", null, "fp-b");
        JsonObject answer = alertmanager(envelope(good + "," + bad)).json();
        assertThat(answer.getInt("created")).isEqualTo(1);
        JsonObject rejected = answer.getJsonArray("rejected").getJsonObject(0);
        assertThat(rejected.getString("field")).isEqualTo("alerts[1].labels.cve");
        assertThat(rejected.getString("reason")).contains("not-a-cve");

        Answer allBad = alertmanager(envelope(bad));
        assertThat(allBad.status()).isEqualTo(400);
        assertThat(allBad.contentType()).isEqualTo("application/problem+json");
        assertThat(allBad.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("alerts[0].labels.cve");

        Answer badRows = pakiti(HEADER + "EGI-Critical,CVE-2026-1006,PtujRPC,wn01.ptujrpc.si,x,x,yesterday\n", "");
        assertThat(badRows.status()).isEqualTo(400);
        assertThat(badRows.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("line 2: last_report");
        assertThat(findings("vulnerability=" + cve)).hasSize(1);
    }

    @Test
    void malformedReportsAreRefusedWithTheReasonAndChangeNothing() {
        Answer notJson = alertmanager("{\"version\": \"4\", \"alerts\": [");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).isEqualTo("application/problem+json");
        assertThat(notJson.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("body");

        Answer oldVersion = alertmanager("{\"version\": \"3\", \"alerts\": []}");
        assertThat(oldVersion.status()).isEqualTo(400);
        assertThat(oldVersion.json().getString("detail")).contains("version");

        Answer wrongType = api.send(
                "POST",
                "api/alerts/alertmanager",
                "text/csv",
                HEADER,
                Map.of("Authorization", "Bearer " + ALERTMANAGER_TOKEN));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).isEqualTo("application/problem+json");

        Answer unterminated =
                pakiti(HEADER + "EGI-Critical,CVE-2026-1007,PtujRPC,\"wn01.ptujrpc.si,x,x,2026-11-21 06:00:00\n", "");
        assertThat(unterminated.status()).isEqualTo(400);
        assertThat(unterminated.json().getString("detail")).contains("CSV");

        Answer noColumn = pakiti("tag,cve,site,host\nEGI-Critical,CVE-2026-1007,PtujRPC,wn01.ptujrpc.si\n", "");
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("header");

        Answer controlInSite = pakiti(HEADER, "?site=Bad%0ASite");
        assertThat(controlInSite.status()).isEqualTo(400);
        assertThat(findings("vulnerability=CVE-2026-1007")).isEmpty();
    }

    @Test
    void aFiftyMegabyteReportIsRefusedBeforeItIsRead() throws Exception {
        byte[] body = new byte[50 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + "api/alerts/pakiti"))
                                .header("Content-Type", "text/csv")
                                .header("Authorization", "Bearer " + PAKITI_TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("16777216 bytes");
    }

    @Test
    void eachSourcePostsWithItsOwnTokenAndAMonitoringTokenDoesNothingElse() {
        String body =
                webhook("firing", "CVE-2026-1008", "PtujRPC", "wn01.ptujrpc.si", "2026-11-21T06:15:00Z", null, "x");
        Answer none = api.post("api/alerts/alertmanager", body);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.contentType()).isEqualTo("application/problem+json");
        assertThat(api.post("api/alerts/alertmanager", body, Map.of("Authorization", "Bearer wrong"))
                        .status())
                .isEqualTo(401);
        Answer otherSource =
                api.post("api/alerts/alertmanager", body, Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        assertThat(otherSource.status()).isEqualTo(403);
        assertThat(otherSource.json().getString("detail")).contains("/api/alerts/pakiti");
        Answer elsewhere =
                api.send("GET", "api/tickets", null, null, Map.of("Authorization", "Bearer " + ALERTMANAGER_TOKEN));
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(findings("vulnerability=CVE-2026-1008")).isEmpty();
    }

    private Answer alertmanager(String body) {
        return answered(
                api.post("api/alerts/alertmanager", body, Map.of("Authorization", "Bearer " + ALERTMANAGER_TOKEN)));
    }

    private Answer argo(String body) {
        return answered(api.post("api/alerts/argo", body, Map.of("Authorization", "Bearer " + ARGO_TOKEN)));
    }

    private Answer pakiti(String csv, String query) {
        return answered(api.send(
                "POST",
                "api/alerts/pakiti" + query,
                "text/csv",
                csv,
                Map.of("Authorization", "Bearer " + PAKITI_TOKEN)));
    }

    /** A report is stored or refused for a reason; anything else is a failure worth seeing whole. */
    private static Answer answered(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isIn(200, 400);
        return answer;
    }

    private static String row(String cve, String site, String host, String lastReport) {
        return "EGI-Critical," + cve + "," + site + "," + host + ",\"AlmaLinux 9.3\",x86_64,\"" + lastReport + "\"\n";
    }

    static String webhook(
            String status, String cve, String site, String host, String startsAt, String endsAt, String fingerprint) {
        return envelope(alert(status, cve, site, host, startsAt, endsAt, fingerprint));
    }

    static String envelope(String alerts) {
        return "{\"receiver\": \"csirt-desk\", \"status\": \"firing\", \"alerts\": [" + alerts
                + "], \"groupLabels\": {}, "
                + "\"commonLabels\": {}, \"commonAnnotations\": {}, \"externalURL\": \"http://127.0.0.1:9093\", "
                + "\"version\": \"4\", \"groupKey\": \"{}\", \"truncatedAlerts\": 0}";
    }

    static String alert(
            String status, String cve, String site, String host, String startsAt, String endsAt, String fingerprint) {
        return "{\"status\": \"" + status + "\", \"labels\": {\"alertname\": \"EGICriticalVulnerability\", \"cve\": \""
                + cve
                + "\"" + (site == null ? "" : ", \"site\": \"" + site + "\"") + ", \"hostname\": \"" + host
                + "\", \"severity\": \"critical\"}, \"annotations\": {\"summary\": \"" + cve + " on " + host + "\"}, "
                + "\"startsAt\": \"" + startsAt + "\", \"endsAt\": \""
                + (endsAt == null ? "0001-01-01T00:00:00Z" : endsAt)
                + "\", \"generatorURL\": \"http://127.0.0.1:9090/graph\", \"fingerprint\": \"" + fingerprint + "\"}";
    }

    private JsonArray findings(String query) {
        return api.get("api/findings?" + query).json().getJsonArray("items");
    }

    private JsonObject exposure(String cve, String site) {
        return api.get("api/exposures?vulnerability=" + cve + "&site=" + site.replace(" ", "%20"))
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
    }

    private JsonArray history(long ticket) {
        return api.get("api/tickets/" + ticket + "/history").array();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonValue.class).stream()
                .map(value -> ((JsonString) value).getString())
                .toList();
    }
}
