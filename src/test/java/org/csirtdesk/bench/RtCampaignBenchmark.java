package org.csirtdesk.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.GocdbServer;
import org.csirtdesk.support.RealRt;
import org.csirtdesk.support.Secrets;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.support.TestUsers;

/**
 * A campaign of 300 sites with its tickets in RT (issue 17; see bench/rt-campaign): the time from the ticket step
 * falling due to all 300 Investigations in RT with their first correspondence, beside RT's own rate for the same
 * creations by a bare REST2 client ({@link RtBareCreations}) on the same RT in the same run; then, with the 300
 * cases open, the time from a site's reply filed in RT (through rt-mailgate) to the case showing the response, at the
 * default poll interval.
 *
 * <p>The application runs as its users start it ({@code payara/run --no-build}) against a throw-away RT
 * ({@link RealRt}), a GOCDB imitation of 300 sites and a scratch MariaDB database.
 */
public final class RtCampaignBenchmark {

    private static final String CVE = "CVE-2026-57001";
    private static final String PAKITI_TOKEN = "pakiti-token-of-the-rt-campaign-benchmark-0123";
    private static final String PASSWORD = "a password of the RT campaign benchmark";
    private static final DateTimeFormatter PAKITI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int REPLIES = 5;

    /** The campaign the benchmark runs. */
    private static long campaign;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int sites = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<String> report = new ArrayList<>();
        report.add("| measure | result |");
        report.add("|---|---|");
        try (RealRt rt = RealRt.start();
                GocdbServer gocdb = GocdbServer.generated(sites, 5, 1)) {
            TestDatabase.fresh("rt_campaign");
            Map<String, String> environment = new HashMap<>();
            environment.put("DB_URL", TestDatabase.url(TestDatabase.scratch("rt_campaign")));
            environment.put("DB_USER", TestDatabase.USER);
            environment.put("DB_PASSWORD", TestDatabase.PASSWORD);
            environment.put("CSIRT_SITE_REGISTRY", "gocdb");
            environment.put("CSIRT_GOCDB_URL", gocdb.url());
            environment.put("CSIRT_GOCDB_TOKEN", "rt-campaign");
            environment.put("CSIRT_SITE_STATUS_CHANGE", "portal");
            environment.put("EXERCISE_MODE", "true");
            environment.put("CSIRT_SCHEDULE_HEARTBEAT", "PT1S");
            environment.put("CSIRT_ALERTS_PAKITI_TOKEN_SHA256", Secrets.sha256(PAKITI_TOKEN));
            environment.put("CSIRT_TICKETS_STORE", "rt");
            environment.put("CSIRT_RT_URL", rt.url().toString());
            environment.put("CSIRT_RT_USER", rt.user());
            environment.put("CSIRT_RT_PASSWORD", rt.password());
            environment.put("CSIRT_RT_PUSH_INTERVAL", "PT1S");
            Files.createDirectories(root.resolve("target/bench/rt-campaign-tmp"));
            environment.put(
                    "JAVA_OPTS",
                    "-Xmx512m -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="
                            + root.resolve("target/bench/rt-campaign-tmp"));
            try (ApplicationProcess app = ApplicationProcess.start(
                    root,
                    ApplicationProcess.freePort(),
                    root.resolve("target/bench/rt-campaign-application.log"),
                    environment)) {
                Api every = new Api(app.url()).as(TestUsers.EVERY_ROLE, TestUsers.PASSWORD);
                Api admin = new Api(app.url()).as(TestUsers.ADMIN, TestUsers.PASSWORD);
                TestUsers.withRoles(admin, new Api(app.url()), TestUsers.EVERY_ROLE, TestUsers.ROLES);
                app.awaitFirstRefresh(every);
                TestUsers.namedAfterRoles(admin, PASSWORD, List.of("csirt"), role -> role + "-user");
                Api csirt = new Api(app.url()).as("csirt-user", PASSWORD);
                report.add(campaign(csirt, every, sites, rt));
                report.addAll(replies(csirt, rt));
            }
            String load = load();
            RtBareCreations.Result bare = new RtBareCreations(rt.url(), rt.user(), rt.password()).measure(sites, 1);
            report.add(String.format(
                    Locale.ROOT,
                    "| RT's own rate, same RT: %d Investigations with one correspondence each, bare REST2, 1 client |"
                            + " %.1f s, %.2f tickets/s; load average %s before, %s after |",
                    sites,
                    bare.seconds(),
                    bare.perSecond(),
                    load,
                    load()));
        } finally {
            TestDatabase.drop("rt_campaign");
        }
        Path out = root.resolve("target/bench/rt-campaign.md");
        Files.createDirectories(out.getParent());
        Files.write(out, report, StandardCharsets.UTF_8);
        report.forEach(System.out::println);
        System.out.println("written to " + out);
    }

    private static String campaign(Api csirt, Api every, int sites, RealRt rt) {
        Instant now = Instant.parse(every.get("api/exercise/clock").json().getString("now"));
        String seen = PAKITI_TIME.format(now.minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
        String rows = IntStream.rangeClosed(1, sites)
                .mapToObj(n -> "EGI-Critical," + CVE + "," + site(n) + ",wn001." + site(n).toLowerCase(Locale.ROOT)
                        + ".example,\"AlmaLinux 9.3\",x86_64,\"" + seen + "\"\n")
                .collect(Collectors.joining());
        Api.Answer pakiti = new Api(csirt.base())
                .send(
                        "POST",
                        "api/alerts/pakiti",
                        "text/csv",
                        "tag,cve,site,host,os,arch,last_report\n" + rows,
                        Map.of("Authorization", "Bearer " + PAKITI_TOKEN));
        check(pakiti.status() == 200, pakiti.body());
        Api.Answer created = csirt.post(
                "api/campaigns",
                "{\"title\": \"Local root in the kernel\", \"vulnerabilities\": [\"" + CVE + "\"], "
                        + "\"advisory\": \"Advisory EGI-SVG-2026-57001.\", \"recommendedAction\": \"Update the kernel.\", "
                        + "\"scope\": \"widespread\", \"tlp\": \"AMBER\"}");
        check(created.status() == 201, created.body());
        campaign = created.json().getJsonNumber("id").longValue();
        Api.Answer started = csirt.post("api/campaigns/" + campaign + "/start", "");
        check(started.status() == 200, started.body());
        Instant ticketsAt = Instant.parse(started.json().getString("ticketsAt"));
        String load = load();
        long start = System.nanoTime();
        Api.Answer moved = every.post("api/exercise/clock", "{\"to\": \"" + ticketsAt.plusSeconds(1) + "\"}");
        check(moved.status() == 200, moved.body());
        long deadline = start + Duration.ofMinutes(30).toNanos();
        long sent;
        while ((sent = sentTicketLetters(every)) < sites) {
            check(System.nanoTime() < deadline, "only " + sent + " of " + sites + " letters in RT after 30 minutes");
            Api.pause(Duration.ofMillis(500));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(
                Locale.ROOT,
                "| rt mode, %d sites: from the ticket step due to every Investigation in RT with its first letter posted"
                        + " as RT correspondence | %.1f s, %.2f tickets/s; load average %s before, %s after |",
                sites,
                seconds,
                sites / seconds,
                load,
                load());
    }

    private static long sentTicketLetters(Api every) {
        return every.get("api/outbox?size=1000&kind=sec03-ticket").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(letter -> letter.getString("state").equalsIgnoreCase("sent"))
                .count();
    }

    /** Replies of a few sites filed in RT through rt-mailgate, each timed until its case shows the response. */
    private static List<String> replies(Api csirt, RealRt rt) {
        List<JsonObject> cases = csirt.get("api/campaigns/" + campaign + "/cases?size=1000").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.containsKey("ticket"))
                .limit(REPLIES)
                .toList();
        long[] millis = new long[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            JsonObject c = cases.get(i);
            long ticket = c.getJsonNumber("ticket").longValue();
            long rtId = csirt.get("api/tickets/" + ticket)
                    .json()
                    .getJsonNumber("rtId")
                    .longValue();
            String site = c.getString("site");
            String mail = "From: contact1@" + site.toLowerCase(Locale.ROOT) + ".example\r\nSubject: Re: ["
                    + rt.rtname() + " #" + rtId + "] " + CVE + "\r\nMessage-ID: <bench-" + i + "@example>\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\nPatched and rebooted.\r\n";
            long start = System.nanoTime();
            check(rt.mailgate("Investigations", "correspond", mail.getBytes(StandardCharsets.UTF_8)) == 0, "mailgate");
            csirt.await(
                    "api/cases/" + c.getJsonNumber("id").longValue(),
                    json -> json.getBoolean("awaitingCsirt", false),
                    Duration.ofMinutes(3));
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        return List.of(String.format(
                Locale.ROOT,
                "| rt mode, %d open cases, default poll interval (10 s): a reply filed through rt-mailgate until its"
                        + " case shows the response, %d replies | median %.1f s, longest %.1f s |",
                csirt.get("api/campaigns/" + campaign + "/cases?size=1000")
                        .array()
                        .size(),
                millis.length,
                Measuring.median(millis) / 1e3,
                java.util.Arrays.stream(millis).max().orElse(0) / 1e3));
    }

    private static String site(int n) {
        return String.format(Locale.ROOT, "SITE-%04d", n);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
