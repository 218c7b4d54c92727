package org.csirtdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** The GOCDB stand-in, over real HTTP: GOCDB's formats, paging, faults, the portal form and the write API. */
class GocdbServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private GocdbServer gocdb;

    @AfterEach
    void close() {
        if (gocdb != null) {
            gocdb.close();
        }
    }

    @Test
    void answersEachMethodInTheFixturesOwnShape() throws Exception {
        gocdb = GocdbServer.start();
        // Unchanged data come back byte for byte as GOCDB wrote them.
        assertThat(pi("method=get_site").body()).isEqualTo(fixture("local-get_site_ngi_si.xml"));
        assertThat(pi("method=get_site_list").body()).isEqualTo(fixture("local-get_site_list.xml"));
        assertThat(pi("method=get_site_security_info&sitename=Izola%20MRF").body())
                .isEqualTo(fixture("local-get_site_security_info.xml"));
        assertThat(pi("method=get_site_contacts&roletype=Site%20Administrator&scope=EGI")
                        .body())
                .isEqualTo(fixture("local-get_site_contacts_siteadmin.xml"));
        assertThat(pi("method=get_site_contacts&sitename=Izola%20MRF").body())
                .isEqualTo(fixture("local-get_site_contacts.xml"));
        assertThat(pi("method=get_ngi&scope=EGI").body()).isEqualTo(fixture("local-get_ngi.xml"));
        assertThat(pi("method=get_roc_contacts&roc=NGI_SI").body()).isEqualTo(fixture("local-get_roc_contacts.xml"));
        assertThat(pi("method=get_service_endpoint").body()).isEqualTo(fixture("local-get_service_endpoint.xml"));
        assertThat(pi("method=get_cert_status_changes&site=PtujRPC").body())
                .isEqualTo(fixture("local-get_cert_status_changes.xml"));

        HttpResponse<String> egi = pi("method=get_service_endpoint&scope=EGI");
        assertThat(egi.headers().firstValue("Content-Type")).hasValue("text/xml; charset=UTF-8");
        assertThat(texts(xml(egi.body()), "HOSTNAME")).containsExactly("bdii4.izolamrf.si", "ce01.izolamrf.si");
        assertThat(texts(
                        xml(pi("method=get_service_endpoint&hostname=ce01.izolamrf.si")
                                .body()),
                        "SITENAME"))
                .containsExactly("Izola MRF");
        // Security info the fixture lacks is derived from get_site, in the same shape.
        Element ssc = child(xml(pi("method=get_site_security_info&sitename=SSC").body()), "SITE");
        assertThat(ssc.getAttribute("ID")).isEqualTo("13G0");
        assertThat(texts(ssc, "CSIRT_EMAIL")).containsExactly("csirt@ssc.si");
        assertThat(gocdb.requests()).isEqualTo(12);
        assertThat(gocdb.requests("get_site_contacts")).isEqualTo(2);
        assertThat(gocdb.queries()).first().isEqualTo("method=get_site");
    }

    @Test
    void refusesParametersAndMethodsGocdbDoesNotKnow() throws Exception {
        gocdb = GocdbServer.start();
        assertThat(pi("method=get_site&scope=EGI&country=SI").body())
                .isEqualTo("<error>Unsupported parameter: country</error>");
        assertThat(pi("method=get_roc_contacts&scope=EGI").body())
                .isEqualTo("<error>Unsupported parameter: scope</error>");
        assertThat(pi("method=get_cert_status_changes&scope=EGI").body())
                .isEqualTo("<error>Unsupported parameter: scope</error>");
        assertThat(pi("method=get_ngi&next_cursor=0").body())
                .isEqualTo("<error>Unsupported parameter: next_cursor</error>");
        HttpResponse<String> unknown = pi("method=get_everything");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo("<error>Unknown method</error>");
    }

    @Test
    void pagesAsGocdbDoes() throws Exception {
        gocdb = GocdbServer.start().pageSize(2);
        Document first = xml(pi("method=get_site&scope=EGI&next_cursor=0").body());
        Element meta = child(first, "meta");
        assertThat(links(meta))
                .containsExactly(
                        "self /gocdbpi/private/?method=get_site&scope=EGI&next_cursor=0",
                        "next /gocdbpi/private/?method=get_site&scope=EGI&next_cursor=14",
                        "start /gocdbpi/private/?method=get_site&scope=EGI");
        assertThat(texts(meta, "count")).containsExactly("2");
        assertThat(texts(meta, "max_page_size")).containsExactly("2");
        assertThat(texts(first, "SHORT_NAME")).containsExactly("SSC", "Izola MRF");

        Document second = xml(pi("method=get_site&scope=EGI&next_cursor=14").body());
        assertThat(texts(second, "SHORT_NAME")).containsExactly("grid-ljubljana-uni", "PtujRPC");
        assertThat(links(child(second, "meta")))
                .contains("next /gocdbpi/private/?method=get_site&scope=EGI&next_cursor=16");

        Document third = xml(pi("method=get_site&scope=EGI&next_cursor=16").body());
        assertThat(texts(third, "count")).containsExactly("0");
        assertThat(third.getElementsByTagName("SITE").getLength()).isZero();

        // The meta block is GOCDB's only when a cursor is given.
        assertThat(xml(pi("method=get_site_contacts&scope=EGI").body())
                        .getElementsByTagName("meta")
                        .getLength())
                .isZero();
        assertThat(texts(xml(pi("method=get_cert_status_changes&next_cursor=9").body()), "NEW_STATUS"))
                .containsExactly("Suspended");
    }

    @Test
    void pagesThroughManyGeneratedSitesQuickly() throws Exception {
        gocdb = GocdbServer.generated(500, 3, 10);
        List<String> names = new ArrayList<>();
        String cursor = "0";
        long slowest = 0;
        for (int page = 0; page < 10; page++) {
            long started = System.nanoTime();
            Document answer =
                    xml(pi("method=get_site&scope=EGI&next_cursor=" + cursor).body());
            slowest = Math.max(slowest, System.nanoTime() - started);
            List<String> pageNames = texts(answer, "SHORT_NAME");
            if (pageNames.isEmpty()) {
                break;
            }
            assertThat(pageNames).hasSize(100);
            names.addAll(pageNames);
            cursor = links(child(answer, "meta")).get(1).replaceFirst(".*next_cursor=", "");
        }
        assertThat(names)
                .hasSize(500)
                .doesNotHaveDuplicates()
                .startsWith("SITE-0001")
                .endsWith("SITE-0500");
        assertThat(gocdb.requests("get_site")).isEqualTo(6);
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(500));

        Element site = child(xml(pi("method=get_site&sitename=SITE-0042").body()), "SITE");
        assertThat(texts(site, "ROC")).containsExactly("NGI_02");
        assertThat(texts(site, "CERTIFICATION_STATUS")).containsExactly("Certified");
        assertThat(texts(site, "CSIRT_EMAIL")).containsExactly("csirt@site-0042.example");
        assertThat(texts(xml(pi("method=get_site_contacts&sitename=SITE-0042").body()), "ROLE_NAME"))
                .containsExactly("Site Administrator", "Site Operations Manager", "Site Security Officer");
        assertThat(xml(pi("method=get_site_contacts&roletype=Site%20Administrator")
                                .body())
                        .getElementsByTagName("CONTACT")
                        .getLength())
                .isEqualTo(500);
        assertThat(texts(
                        xml(pi("method=get_service_endpoint&hostname=wn003.site-0042.example")
                                .body()),
                        "SITENAME"))
                .containsExactly("SITE-0042");
        assertThat(xml(pi("method=get_service_endpoint&scope=EGI").body())
                        .getElementsByTagName("SERVICE_ENDPOINT")
                        .getLength())
                .isEqualTo(5000);
        assertThat(texts(xml(pi("method=get_ngi&roc=NGI_03").body()), "SECURITY_EMAIL"))
                .containsExactly("security@ngi-03.example");
        Document officers = xml(
                pi("method=get_roc_contacts&roletype=NGI%20Security%20Officer").body());
        assertThat(officers.getElementsByTagName("ROC").getLength()).isEqualTo(10);
        assertThat(texts(officers, "ROLE_NAME")).hasSize(10).containsOnly("NGI Security Officer");
    }

    @Test
    void anEntryIsWhatThePiAnswersOfTheSite() throws Exception {
        gocdb = GocdbServer.generated(20, 5, 1);
        GocdbServer.SiteEntry entry = gocdb.entry("SITE-0012");
        Document contacts =
                xml(pi("method=get_site_contacts&sitename=SITE-0012").body());
        assertThat(entry.contactRoles().keySet()).containsExactlyElementsOf(texts(contacts, "EMAIL"));
        assertThat(entry.contactRoles().values())
                .containsExactlyElementsOf(texts(contacts, "ROLE_NAME"))
                .containsOnlyOnce("Site Operations Manager")
                .containsSubsequence("Site Administrator", "Site Administrator");
        assertThat(texts(
                        xml(pi("method=get_site_security_info&sitename=SITE-0012")
                                .body()),
                        "CSIRT_EMAIL"))
                .containsExactly(entry.csirtEmail());
        assertThat(texts(xml(pi("method=get_ngi&roc=NGI_02").body()), "SECURITY_EMAIL"))
                .containsExactly(entry.ngiSecurityEmail());
        assertThat(texts(
                        xml(pi("method=get_roc_contacts&roc=NGI_02&roletype=NGI%20Security%20Officer")
                                .body()),
                        "EMAIL"))
                .isEqualTo(entry.ngiSecurityOfficers())
                .hasSize(1);
    }

    @Test
    void failsAsToldAndCountsEveryRequest() throws Exception {
        gocdb = GocdbServer.start();
        gocdb.failNext(2, 503);
        HttpResponse<String> failed = pi("method=get_ngi");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).isEqualTo("Service Unavailable");
        assertThat(pi("method=get_ngi").statusCode()).isEqualTo(503);
        assertThat(pi("method=get_ngi").statusCode()).isEqualTo(200);

        gocdb.errorBodyNext(1, "<error>Database down</error>");
        HttpResponse<String> error = pi("method=get_site");
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(error.body()).isEqualTo("<error>Database down</error>");
        assertThat(pi("method=get_site").body()).contains("<SITE ");

        gocdb.down(true);
        assertThat(pi("method=get_site").statusCode()).isEqualTo(503);
        assertThat(send(HttpRequest.newBuilder(portal("&id=13"))).statusCode()).isEqualTo(503);
        gocdb.down(false);
        assertThat(pi("method=get_site").statusCode()).isEqualTo(200);

        gocdb.delay(Duration.ofMillis(300));
        long started = System.nanoTime();
        assertThat(pi("method=get_ngi").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(
                        () -> send(HttpRequest.newBuilder(URI.create(gocdb.url() + "/gocdbpi/public/?method=get_ngi"))
                                .timeout(Duration.ofMillis(100))))
                .isInstanceOf(HttpTimeoutException.class);
        gocdb.delay(Duration.ZERO);

        assertThat(gocdb.requests()).isEqualTo(10);
        assertThat(gocdb.requests("get_ngi")).isEqualTo(5);
        assertThat(gocdb.requests("portal-form")).isEqualTo(1);
        assertThat(gocdb.authorizations()).hasSize(10).first().isEqualTo("Bearer test-token");
        assertThat(gocdb.authorizations()).last().isNull();
    }

    @Test
    void servesConcurrentClients() {
        gocdb = GocdbServer.generated(50, 2, 2);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(CLIENT.sendAsync(
                    HttpRequest.newBuilder(
                                    URI.create(gocdb.url() + "/gocdbpi/public/?method=get_site&next_cursor=" + i))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(200));
        assertThat(gocdb.requests("get_site")).isEqualTo(40);
    }

    @Test
    void changesTheCertificationStatusThroughThePortalForm() throws Exception {
        gocdb = GocdbServer.start();
        String form = send(HttpRequest.newBuilder(portal("&id=16"))).body();
        assertThat(form)
                .contains(
                        "<form action=\"index.php?Page_Type=Edit_Certification_Status\" method=\"post\">",
                        "<option value=\"4\" selected=\"selected\">Suspended</option>",
                        "<option value=\"3\">Certified</option>",
                        "<input type=\"text\" name=\"COMMENT\"/>",
                        "<input type=\"hidden\" name=\"SITEID\" value=\"16\"/>");

        gocdb.statusChangeDelay(Duration.ofMillis(300));
        String answer = submit("4", "Security incident: suspended per SEC03", "13");
        assertThat(answer).contains("<h1 class=\"Success\">Success</h1> Certification status updated.");
        assertThat(gocdb.status("SSC")).isEqualTo("Certified");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!gocdb.status("SSC").equals("Suspended") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gocdb.status("SSC")).isEqualTo("Suspended");
        assertThat(texts(xml(pi("method=get_site&sitename=SSC").body()), "CERTIFICATION_STATUS"))
                .containsExactly("Suspended");
        Document changes = xml(pi("method=get_cert_status_changes&site=SSC").body());
        Element change = child(changes, "result");
        assertThat(change.getAttribute("ID")).isEqualTo("11");
        assertThat(texts(change, "OLD_STATUS")).containsExactly("Certified");
        assertThat(texts(change, "NEW_STATUS")).containsExactly("Suspended");
        assertThat(texts(change, "COMMENT")).containsExactly("Security incident: suspended per SEC03");
        assertThat(texts(change, "CHANGED_BY").get(0)).startsWith("/C=");
        assertThat(texts(change, "TIME").get(0)).matches("\\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}\\.\\d{2}\\.\\d{2}");
        assertThat(Long.parseLong(texts(change, "UNIX_TIME").get(0)))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(10L));
        assertThat(gocdb.requests("portal-form")).isEqualTo(1);
        assertThat(gocdb.requests("portal-submit")).isEqualTo(1);

        gocdb.setStatus("grid-ljubljana-uni", "Suspended");
        assertThat(texts(
                        xml(pi("method=get_cert_status_changes&site=grid-ljubljana-uni")
                                .body()),
                        "CHANGED_BY"))
                .containsExactly("/C=00/O=00000/OU=000000/CN=Operator on duty");
    }

    @Test
    void refusesWhatGocdbRefuses() throws Exception {
        gocdb = GocdbServer.start();
        assertThat(submit("3", "Reopen", "14")).contains("<div class=\"rightPageContainer\"><h1>Error</h1><br />");
        assertThat(submit("3", "Back in business", "16")).contains("<h1>Error</h1>");
        assertThat(submit("4", "", "13")).contains("<h1>Error</h1><br />A reason is required");
        assertThat(submit("4", "x".repeat(301), "13")).contains("<h1>Error</h1><br />Invalid reason - 300 char max");
        assertThat(gocdb.status("SSC")).isEqualTo("Certified");
        gocdb.setStatus("SSC", "Candidate");
        assertThat(submit("3", "Certify", "13")).contains("<h1>Error</h1>");
        assertThat(submit("2", "Start certification", "13")).contains("Success");
        assertThat(gocdb.status("SSC")).isEqualTo("Uncertified");

        // Staying where one is, is allowed and recorded as a no-op.
        assertThat(submit("4", "Still suspended", "16")).contains("Success");
        Document changes = xml(pi("method=get_cert_status_changes&site=PtujRPC").body());
        assertThat(texts(changes, "OLD_STATUS")).containsExactly("Certified", "Suspended", "Suspended");
        assertThat(texts(changes, "NEW_STATUS")).containsExactly("Suspended", "Suspended", "Suspended");
    }

    @Test
    void writesExtensionPropertiesOnly() throws Exception {
        gocdb = GocdbServer.start();
        HttpResponse<String> put = send(
                HttpRequest.newBuilder(URI.create(gocdb.url() + "/gocdbpi/v5/Site/13/ExtensionProperties/SEC03_TICKET"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"T-42\"}")));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEmpty();
        Element extension =
                child(child(child(xml(pi("method=get_site&sitename=SSC").body()), "SITE"), "EXTENSIONS"), "EXTENSION");
        assertThat(texts(extension, "LOCAL_ID")).containsExactly("2");
        assertThat(texts(extension, "KEY")).containsExactly("SEC03_TICKET");
        assertThat(texts(extension, "VALUE")).containsExactly("T-42");
        assertThat(gocdb.extensions("SSC")).containsEntry("SEC03_TICKET", "T-42");
        assertThat(gocdb.extensions("PtujRPC")).containsEntry("SEC03_TICKET", "T-1");

        assertThat(send(HttpRequest.newBuilder(URI.create(gocdb.url() + "/gocdbpi/v5/Site/999/ExtensionProperties/X"))
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"v\"}")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(gocdb.url() + "/gocdbpi/v5/Site/13/CERTIFICATIONSTATUS"))
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"Suspended\"}")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(gocdb.status("SSC")).isEqualTo("Certified");
        assertThat(gocdb.requests("extension")).isEqualTo(3);
    }

    // --------------------------------------------------------------------------------------------------

    private HttpResponse<String> pi(String query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(gocdb.url() + "/gocdbpi/private/?" + query))
                .header("Authorization", "Bearer test-token"));
    }

    private URI portal(String parameters) {
        return URI.create(gocdb.url() + "/portal/index.php?Page_Type=Edit_Certification_Status" + parameters);
    }

    private String submit(String status, String comment, String siteId) throws IOException, InterruptedException {
        String form = "CERTSTATUSID=" + status + "&COMMENT=" + URLEncoder.encode(comment, StandardCharsets.UTF_8)
                + "&SITEID=" + siteId;
        HttpResponse<String> answer = send(HttpRequest.newBuilder(portal(""))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String fixture(String file) throws IOException {
        try (InputStream in = GocdbServerTest.class.getClassLoader().getResourceAsStream("gocdb/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
    }

    /** The text of every element so named under a node, in document order. */
    private static List<String> texts(Node node, String name) {
        var list = node instanceof Document document
                ? document.getElementsByTagName(name)
                : ((Element) node).getElementsByTagName(name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            texts.add(list.item(i).getTextContent());
        }
        return texts;
    }

    private static Element child(Node node, String name) {
        Node parent = node instanceof Document document ? document.getDocumentElement() : node;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("No <" + name + "> under <" + parent.getNodeName() + ">");
    }

    private static List<String> links(Element meta) {
        List<String> links = new ArrayList<>();
        var list = meta.getElementsByTagName("link");
        for (int i = 0; i < list.getLength(); i++) {
            Element link = (Element) list.item(i);
            links.add(link.getAttribute("rel") + " " + link.getAttribute("href"));
        }
        return links;
    }
}
