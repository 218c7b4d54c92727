package org.csirtdesk.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.TestUsers;

/**
 * The mail gateway's figure (see bench/mail-gateway): mails posted by 4 concurrent senders as rt-mailgate posts
 * them (multipart/form-data, the mail as a file part), each an Outlook-style HTML reply (quoted-printable, a
 * quoted history) from a ticket's requestor to one of 200 tickets by its tag: parsed, stored whole, written as
 * correspondence and the owner's letter queued (each ticket has an owner with an address: an unowned ticket's
 * reply sends no letter). Every answer must be "ok". Bounded in count: it stops by itself.
 */
public final class MailGatewayBenchmark {

    private static final int SENDERS = 4;
    private static final int TICKETS = 200;
    private static final String DUTY_OFFICER = "duty-officer";
    private static final int WARMUP_MAILS = 2_000;
    private static final int MEASURED_MAILS = 20_000;
    private static final String BOUNDARY = "xYzZY";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> report = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private URI gateway;
    private long[] tickets;

    public static void main(String[] args) throws Exception {
        new MailGatewayBenchmark().run(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3], args[4]);
    }

    private void run(Path root, int port, String dbUrl, String dbUser, String dbPassword) throws Exception {
        ApplicationProcess application = ApplicationProcess.start(
                root,
                port,
                root.resolve("target/bench/mail-gateway-run.log"),
                Map.of(
                        "DB_URL",
                        dbUrl,
                        "DB_USER",
                        dbUser,
                        "DB_PASSWORD",
                        dbPassword,
                        "CSIRT_SITE_REGISTRY",
                        "embedded",
                        "CSIRT_SITE_STATUS_CHANGE",
                        "embedded"));
        try {
            gateway = application.url().resolve("REST/1.0/NoAuth/mail-gateway");
            Api anonymous = new Api(application.url());
            TestUsers.everyRole(anonymous);
            // Owners are users of the desk: the duty officer is one, and the owner's letters go to their address.
            TestUsers.add(
                    anonymous.as(TestUsers.ADMIN, TestUsers.PASSWORD),
                    DUTY_OFFICER,
                    TestUsers.PASSWORD,
                    List.of("csirt"),
                    "duty-officer@csirt.example");
            tickets = new long[TICKETS];
            for (int i = 0; i < TICKETS; i++) {
                tickets[i] = createTicket(application.url(), i);
            }
            send(WARMUP_MAILS);
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            String loadBefore = load();
            Cpu before = Cpu.now(port);
            long start = System.nanoTime();
            send(MEASURED_MAILS, latency);
            double seconds = (System.nanoTime() - start) / 1e9;
            Cpu used = Cpu.now(port).minus(before);
            line("| measure | result |");
            line("|---|---|");
            line(String.format(
                    Locale.ROOT,
                    "| mails through the gateway, %d senders, %,d mails | %.0f mails/s (%.1f s) |",
                    SENDERS,
                    MEASURED_MAILS,
                    MEASURED_MAILS / seconds,
                    seconds));
            line(String.format(
                    Locale.ROOT,
                    "| latency per mail p50 / p99 / max | %.1f / %.1f / %.1f ms |",
                    latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3,
                    latency.getMaxValue() / 1e3));
            line(String.format(
                    Locale.ROOT,
                    "| CPU per mail: application / MariaDB (shared with other work) / this load driver "
                            + "| %.2f / %.2f / %.2f ms |",
                    (double) used.app() / MEASURED_MAILS,
                    (double) used.db() / MEASURED_MAILS,
                    (double) used.driver() / MEASURED_MAILS));
            line(String.format(
                    Locale.ROOT,
                    "| CPU of all processes on the machine during the run, 2 cores | %.0f %% of both; "
                            + "load average %s before, %s after |",
                    100.0 * used.machine() / (seconds * 2000),
                    loadBefore,
                    load()));
        } finally {
            application.stop();
        }
        Path out = root.resolve("target/bench/mail-gateway.md");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    private long createTicket(URI base, int i) {
        HttpResponse<String> created = Measuring.send(
                http,
                HttpRequest.newBuilder(base.resolve("api/tickets"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", Api.basic(TestUsers.EVERY_ROLE, TestUsers.PASSWORD))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"queue\": \"incident-reports\", \"subject\": \"Suspicious logins at site " + i
                                        + "\", \"owner\": \"" + DUTY_OFFICER + "\", "
                                        + "\"requestors\": [\"admin@site" + i + ".example\"]}"))
                        .build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("ticket not created: " + created.statusCode() + " " + created.body());
        }
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + created.body());
        }
        return Long.parseLong(id.group(1));
    }

    private void send(int count) throws Exception {
        send(count, new Histogram(TimeUnit.SECONDS.toMicros(60), 3));
    }

    private void send(int count, Histogram latency) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger left = new AtomicInteger(count);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            running.add(senders.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    int n = sequence.incrementAndGet();
                    HttpRequest post = HttpRequest.newBuilder(gateway)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(form(mail(n))))
                            .build();
                    long start = System.nanoTime();
                    HttpResponse<String> answer = Measuring.send(http, post);
                    long micros = (System.nanoTime() - start) / 1000;
                    synchronized (latency) {
                        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                    }
                    if (answer.statusCode() != 200 || !answer.body().startsWith("ok - mail #")) {
                        throw new IllegalStateException("mail " + n + ": " + answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get();
        }
        senders.shutdown();
    }

    /** The form rt-mailgate posts (HTTP::Request::Common's form-data): queue, action, and the mail as a file. */
    private static byte[] form(String mail) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(
                    ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"queue\"\r\n\r\nincident-reports\r\n"
                                    + "--" + BOUNDARY
                                    + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ncorrespond\r\n"
                                    + "--" + BOUNDARY
                                    + "\r\nContent-Disposition: form-data; name=\"message\"; filename=\"/tmp/mailgate/msg\"\r\n"
                                    + "Content-Type: application/octet-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            body.write(mail.getBytes(StandardCharsets.ISO_8859_1));
            body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return body.toByteArray();
    }

    /** An Outlook-style HTML reply from the ticket's requestor, with a quoted history to trim. */
    private String mail(int n) {
        int site = n % TICKETS;
        return "From: \"Admin, Site\" <admin@site" + site + ".example>\r\n"
                + "To: EGI CSIRT <abuse@egi.eu>\r\n"
                + "Subject: RE: [CSIRT #" + tickets[site] + "] Suspicious logins at site " + site + "\r\n"
                + "Date: Thu, 12 Mar 2026 09:41:02 +0000\r\n"
                + "Message-ID: <bench-" + n + "-" + System.nanoTime() + "@site" + site + ".example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=\"Windows-1252\"\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<html><head><style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head><body>\r\n"
                + "<p class=3D\"MsoNormal\">Dear CSIRT,<o:p></o:p></p><p class=3D\"MsoNormal\">We checked the logs of ui=\r\n"
                + ".site" + site
                + ".example: the logins came from our own monitoring host =96 nothing else.<o:p></o:p></p>\r\n"
                + "<p class=3D\"MsoNormal\">Best regards,<br>The site administrators</p>\r\n"
                + "<hr style=3D\"display:inline-block;width:98%\"><p class=3D\"MsoNormal\"><b>From:</b> EGI CSIRT<br>\r\n"
                + "<b>Subject:</b> Suspicious logins</p><p class=3D\"MsoNormal\">We saw logins from 192.0.2.44.</p>\r\n"
                + "</body></html>\r\n";
    }

    /** CPU milliseconds so far of the application's JVM, MariaDB, this driver, and every process (/proc/stat). */
    record Cpu(long app, long db, long driver, long machine) {

        static Cpu now(int port) throws IOException {
            String[] jiffies =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system (idle iowait) irq softirq steal, in USER_HZ (100 a second)
            long machine = 10
                    * (Long.parseLong(jiffies[1])
                            + Long.parseLong(jiffies[2])
                            + Long.parseLong(jiffies[3])
                            + Long.parseLong(jiffies[6])
                            + Long.parseLong(jiffies[7])
                            + Long.parseLong(jiffies[8]));
            return new Cpu(
                    cpuOf(command -> command.contains("payara-micro") && command.contains("--port " + port)),
                    cpuOf(command -> command.strip().endsWith("/mariadbd")),
                    ProcessHandle.current()
                            .info()
                            .totalCpuDuration()
                            .map(Duration::toMillis)
                            .orElse(0L),
                    machine);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(app - earlier.app, db - earlier.db, driver - earlier.driver, machine - earlier.machine);
        }

        private static long cpuOf(Predicate<String> command) {
            return ProcessHandle.allProcesses()
                    .filter(process ->
                            process.info().commandLine().map(command::test).orElse(false))
                    .findFirst()
                    .flatMap(process -> process.info().totalCpuDuration())
                    .map(Duration::toMillis)
                    .orElse(0L);
        }
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private void line(String text) {
        report.add(text);
    }
}
