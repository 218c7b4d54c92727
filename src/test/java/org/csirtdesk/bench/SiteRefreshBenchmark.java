package org.csirtdesk.bench;

import static org.csirtdesk.bench.Measuring.median;
import static org.csirtdesk.bench.Measuring.timed;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.TestUsers;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The site registry's figures (see bench/site-refresh): a GOCDB imitation on loopback with 500 sites (4
 * contacts and 10 hosts each, 10 NGIs) in GOCDB's formats; the application started by {@code payara/run}
 * against it; the time of a full refresh (first into an empty copy, then unchanged, then with every
 * site's status changed), beside a baseline in the same run: the same GOCDB pages fetched and parsed by a
 * bare HTTP client, with nothing stored. Then GOCDB is stopped and 1,000 site reads show that the
 * procedures' look-ups touch no network. Bounded in count and time; everything on 127.0.0.1.
 */
public final class SiteRefreshBenchmark {

    private static final int SITES = 500;
    private static final int CONTACTS_PER_SITE = 4;
    private static final int HOSTS_PER_SITE = 10;
    private static final int RUNS = 5;
    private static final int LOOKUPS = 1_000;
    /** The methods and parameters a refresh reads, in its order. */
    private static final String[] REFRESH_QUERIES = {
        "method=get_site&scope=EGI&next_cursor=0",
        "method=get_site_contacts&scope=EGI&next_cursor=0",
        "method=get_site_security_info&scope=EGI",
        "method=get_ngi&scope=EGI",
        "method=get_roc_contacts&roletype=NGI%20Security%20Officer&next_cursor=0",
        "method=get_service_endpoint&scope=EGI&next_cursor=0"
    };

    private static final Pattern NEXT = Pattern.compile("next_cursor=(\\d+)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> report = new ArrayList<>();

    /** The user every request acts for, added once the application is up. */
    private static final String SIGNED_IN = Api.basic(TestUsers.EVERY_ROLE, TestUsers.PASSWORD);

    public static void main(String[] args) throws Exception {
        new SiteRefreshBenchmark().run(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3], args[4]);
    }

    private void run(Path root, int port, String dbUrl, String dbUser, String dbPassword) throws Exception {
        try (GocdbServer gocdb = GocdbServer.generated(SITES, CONTACTS_PER_SITE, HOSTS_PER_SITE)) {
            ApplicationProcess application = ApplicationProcess.start(
                    root,
                    port,
                    root.resolve("target/bench/site-refresh-run.log"),
                    Map.of(
                            "DB_URL",
                            dbUrl,
                            "DB_USER",
                            dbUser,
                            "DB_PASSWORD",
                            dbPassword,
                            "CSIRT_SITE_REGISTRY",
                            "gocdb",
                            "CSIRT_GOCDB_URL",
                            gocdb.url(),
                            "CSIRT_GOCDB_TOKEN",
                            "benchmark",
                            "CSIRT_SITE_OPERATORS_ADDRESS",
                            "operators@bench.example"));
            URI app = application.url();
            try {
                long firstMillis = application.awaitFirstRefresh(TestUsers.everyRole(new Api(app)));
                row(
                        "first refresh into an empty copy (500 sites, 2,000 contacts, 5,000 hosts, 10 NGIs; "
                                + "server-side time of the scheduled refresh)",
                        firstMillis + " ms",
                        "");

                long[] baseline = new long[RUNS];
                long[] unchanged = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    baseline[i] = timed(() -> fetchAndParse(gocdb.url()));
                    unchanged[i] = timed(() -> refresh(app));
                }
                long baselineMedian = median(baseline);
                row(
                        "refresh, nothing changed, median of " + RUNS + " (POST /api/sites/refresh, end to end)",
                        median(unchanged) + " ms",
                        "fetch and parse the same " + pages(gocdb.url()) + " GOCDB pages, nothing stored: "
                                + baselineMedian + " ms");
                long[] changed = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    String status = i % 2 == 0 ? "Suspended" : "Uncertified";
                    for (int site = 1; site <= SITES; site++) {
                        gocdb.setStatus(String.format(Locale.ROOT, "SITE-%04d", site), status);
                    }
                    changed[i] = timed(() -> refresh(app));
                }
                row("refresh, every site's status changed, median of " + RUNS, median(changed) + " ms", "");

                int before = gocdb.requests();
                gocdb.close();
                Histogram lookups = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
                int failed = 0;
                for (int i = 0; i < LOOKUPS; i++) {
                    String site = String.format(Locale.ROOT, "SITE-%04d", i % SITES + 1);
                    long start = System.nanoTime();
                    HttpResponse<String> read = get(app.resolve("api/sites/" + site));
                    lookups.recordValue((System.nanoTime() - start) / 1_000);
                    failed += read.statusCode() == 200 && read.body().contains("procedureContacts") ? 0 : 1;
                }
                row(
                        "site read with its procedure contacts while GOCDB is stopped, " + LOOKUPS + " requests",
                        String.format(
                                Locale.ROOT,
                                "median %.1f ms, p99 %.1f ms, %d failed",
                                lookups.getValueAtPercentile(50) / 1000.0,
                                lookups.getValueAtPercentile(99) / 1000.0,
                                failed),
                        "requests that reached GOCDB meanwhile: " + (gocdb.requests() - before));
            } finally {
                application.stop();
            }
        }
        report.forEach(System.out::println);
    }

    private void refresh(URI app) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(app.resolve("api/sites/refresh"))
                .header("Authorization", SIGNED_IN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60))
                .build());
        if (answer.statusCode() != 200 || !answer.body().contains("500 sites")) {
            throw new IllegalStateException("refresh answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** The baseline: every page a refresh reads, fetched and parsed into DOM, nothing else. */
    private void fetchAndParse(String gocdb) {
        for (String query : REFRESH_QUERIES) {
            for (String cursorQuery = query; cursorQuery != null; ) {
                Document page = parse(get(URI.create(gocdb + "/gocdbpi/private/?" + cursorQuery))
                        .body());
                cursorQuery = nextPage(query, page);
            }
        }
    }

    private int pages(String gocdb) {
        int pages = 0;
        for (String query : REFRESH_QUERIES) {
            for (String cursorQuery = query; cursorQuery != null; pages++) {
                cursorQuery = nextPage(
                        query,
                        parse(get(URI.create(gocdb + "/gocdbpi/private/?" + cursorQuery))
                                .body()));
            }
        }
        return pages;
    }

    private static String nextPage(String query, Document page) {
        Element meta = null;
        for (Node node = page.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("meta")) {
                meta = element;
            }
        }
        if (meta == null
                || Integer.parseInt(meta.getElementsByTagName("count").item(0).getTextContent()) == 0) {
            return null;
        }
        for (int i = 0; i < meta.getElementsByTagName("link").getLength(); i++) {
            Element link = (Element) meta.getElementsByTagName("link").item(i);
            Matcher cursor = NEXT.matcher(link.getAttribute("href"));
            if (link.getAttribute("rel").equals("next") && cursor.find()) {
                return query.replace("next_cursor=0", "next_cursor=" + cursor.group(1));
            }
        }
        return null;
    }

    private static Document parse(String xml) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri)
                .header("Authorization", SIGNED_IN)
                .timeout(Duration.ofSeconds(30))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Measuring.send(http, request);
    }

    private void row(String measure, String result, String baseline) {
        report.add("| " + measure + " | **" + result + "** | " + baseline + " |");
    }
}
