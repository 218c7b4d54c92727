package org.csirtdesk.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Request Tracker 5 (Debian's request-tracker5) for tests, on 127.0.0.1 and a free port, throw-away: its site
 * configuration, SQLite database, log and outgoing mail live in a temporary folder. It is prepared as an RT
 * administrator prepares one for CSIRT Desk (docs/rt.md): the lifecycle snippet of {@code rt/RT_SiteConfig.d/} and
 * {@code rt/csirt-desk-setup.pl}, for the application's user (with a password and an auth token) and for a second
 * user, {@code staff}, who works the queues "as a person in RT" through this class's REST2 helpers.
 *
 * <p>RT's outgoing mail goes through {@code $MailCommand = 'sendmailpipe'} to a small script that stores each mail
 * whole in a file of its own ({@link #sentMails()}); RT runs sendmail with {@code -t}, so the recipients are those
 * of the To, Cc and Bcc headers. Every RT command gets {@code RT_SITE_CONFIG} and {@code RT_SITE_CONFIG_DIR}, so
 * nothing of {@code /etc/request-tracker5} is read. The server runs in a session of its own ({@code setsid}), so
 * that {@link #stop()} ends it with all its workers.
 *
 * <p>The first RT of a JVM makes its database with {@code rt-setup-database-5 --action init} and the setup script;
 * later ones start from a copy of that database as the setup left it (same users, passwords and token), in a
 * folder of their own: about 2 s instead of 9 on a quiet machine.
 */
public final class RealRt implements AutoCloseable {

    public static final Path RT_SERVER = Path.of("/usr/share/request-tracker5/libexec/rt-server");
    private static final Path RT_LIB = Path.of("/usr/share/request-tracker5/lib");
    private static final String SETUP_DATABASE = "/usr/sbin/rt-setup-database-5";
    private static final String MAILGATE = "/usr/bin/rt-mailgate-5";

    private static final String RTNAME = "csirt-test";
    private static final String USER = "csirt-desk";
    private static final String STAFF = "staff";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(15);
    private static final Pattern TOKEN = Pattern.compile("(?m)^token=(\\S+)$");

    private final Path directory;
    private final Path setupFolder;
    private final int port;
    private final URI url;
    private final HttpClient staffHttp;
    private String password = randomSecret();
    private String staffPassword = randomSecret();
    private String token;
    private Process server;

    private RealRt(Path directory, Path setupFolder, int port) {
        this.directory = directory;
        this.setupFolder = setupFolder;
        this.port = port;
        this.url = URI.create("http://127.0.0.1:" + port + "/");
        this.staffHttp = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager())
                .build();
    }

    /** Is Debian's RT installed here? Tests that need it assume this. */
    public static boolean installed() {
        return Files.isExecutable(RT_SERVER);
    }

    /** A fresh RT, prepared for CSIRT Desk, started and answering REST2. */
    public static RealRt start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a test may change in the site configuration before RT starts. */
    public static final class Builder {

        private String timezone = "UTC";
        private final StringBuilder extraConfig = new StringBuilder();

        private Builder() {}

        /** RT's {@code $Timezone}: the zone in which it reads input dates (UTC unless told). */
        public Builder timezone(String zone) {
            this.timezone = zone;
            return this;
        }

        /** More site configuration in RT's Perl, e.g. {@code Set($BcryptCost, 10);}. */
        public Builder siteConfig(String perl) {
            extraConfig.append(perl).append('\n');
            return this;
        }

        public RealRt start() {
            Path directory;
            try {
                directory = Files.createTempDirectory("rt-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long started = System.nanoTime();
            RealRt rt = new RealRt(directory, setupFolder(), freePort());
            // A test JVM that ends without closing it (a failed deployment, Ctrl-C) must not leave RT running.
            Runtime.getRuntime().addShutdownHook(new Thread(rt::stop, "stop RT " + rt.url));
            try {
                rt.configure(timezone, extraConfig.toString());
                synchronized (RealRt.class) {
                    if (prepared == null) {
                        rt.initialiseDatabase();
                        // While the server loads (seconds of Perl) the setup script runs: the server reads nothing
                        // of what it writes before the first request, and SQLite serialises the writes of both.
                        rt.spawnServer();
                        rt.provision();
                        prepared = rt.keepAsPrepared();
                    } else {
                        rt.startFrom(prepared);
                        rt.spawnServer();
                    }
                }
                rt.awaitReady();
                rt.signInStaff();
                System.out.printf(
                        "RT %s prepared and started in %d ms (folder %s)%n",
                        rt.url, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), directory);
                return rt;
            } catch (RuntimeException e) {
                rt.close();
                throw e;
            }
        }
    }

    public URI url() {
        return url;
    }

    /** The application's RT user; {@link #password()} and {@link #token()} are its credentials. */
    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** The application user's auth token, for {@code Authorization: token <token>}. */
    public String token() {
        return token;
    }

    /** A second privileged user with the same rights on the four queues: a person working in RT. */
    public String staffUser() {
        return STAFF;
    }

    public String staffPassword() {
        return staffPassword;
    }

    /** RT's {@code $rtname}, which its subject tags carry: {@code [csirt-test #42]}. */
    public String rtname() {
        return RTNAME;
    }

    public Path directory() {
        return directory;
    }

    public Path databaseFile() {
        return directory.resolve("rt.db");
    }

    public Path log() {
        return directory.resolve("rt.log");
    }

    /**
     * Runs {@code rt/csirt-desk-setup.pl} with these arguments against this RT's database and answers what it
     * printed. It fails with the script's output when the script fails.
     */
    public String setup(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                "perl",
                "-I" + RT_LIB,
                setupFolder.resolve("csirt-desk-setup.pl").toString()));
        command.addAll(List.of(arguments));
        Ran ran = run(command, null);
        if (ran.exitCode() != 0) {
            throw failure("csirt-desk-setup.pl " + String.join(" ", arguments) + " exited with " + ran.exitCode()
                    + ":\n" + ran.output());
        }
        return ran.output();
    }

    /**
     * Runs a Perl program with RT's library and this RT's configuration (after {@code use RT; RT::LoadConfig();})
     * and answers what it printed: for looking at RT from the inside, e.g. its lifecycles as RT read them.
     */
    public String perl(String program) {
        Ran ran = run(List.of("perl", "-I" + RT_LIB, "-MRT", "-e", "RT::LoadConfig();\n" + program), null);
        if (ran.exitCode() != 0) {
            throw failure("perl exited with " + ran.exitCode() + ":\n" + ran.output());
        }
        return ran.output();
    }

    /** Stops RT: its whole process group, workers included. Its database stays for {@link #startAgain()}. */
    public void stop() {
        if (server == null) {
            return;
        }
        long group = server.pid();
        signalGroup("TERM", group);
        try {
            if (!server.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS) || groupAlive(group)) {
                signalGroup("KILL", group);
                server.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signalGroup("KILL", group);
        }
        awaitGroupGone(group);
        server = null;
    }

    /** Starts RT again after {@link #stop()}: the same database, port, users and token. */
    public void startAgain() {
        if (server != null) {
            throw new IllegalStateException("RT is running");
        }
        launch();
    }

    /** Stops RT and deletes its folder, unless the system property {@code rt.keep} is set. */
    @Override
    public void close() {
        stop();
        if (System.getProperty("rt.keep") != null) {
            System.out.println("RT's folder kept: " + directory);
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every mail RT has sent so far, oldest first. */
    public List<SentMail> sentMails() {
        try (Stream<Path> files = Files.list(directory.resolve("mail"))) {
            return files.filter(path -> path.getFileName().toString().endsWith(".eml"))
                    .sorted()
                    .map(RealRt::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mail RT sent: its sender, every recipient (To, Cc, Bcc), its subject and its text. */
    public record SentMail(String from, List<String> recipients, String subject, String body, String messageId) {}

    /**
     * Pipes a whole mail through Debian's rt-mailgate into this RT, as a mail server's alias does, and answers its
     * exit code. Mind that rt-mailgate exits 0 even when RT refused the mail ("not ok"); its output is in
     * {@link #log()}.
     */
    public int mailgate(String queueName, String action, byte[] rawMail) {
        return run(List.of(MAILGATE, "--url", url.toString(), "--queue", queueName, "--action", action), rawMail)
                .exitCode();
    }

    /** GET {@code /REST/2.0/<path>} as {@link #staffUser()}; fails unless RT answers 200. */
    public JsonObject get(String path) {
        return staffCall("GET", path, null).asJsonObject();
    }

    /** POST a JSON body to {@code /REST/2.0/<path>} as {@link #staffUser()}; fails unless RT answers 2xx. */
    public JsonValue post(String path, JsonObject body) {
        return staffCall("POST", path, body);
    }

    /** PUT a JSON body to {@code /REST/2.0/<path>} as {@link #staffUser()}; RT answers its messages (an array). */
    public JsonValue put(String path, JsonObject body) {
        return staffCall("PUT", path, body);
    }

    /**
     * POST a JSON body to {@code /REST/2.0/<path>} as the application's own RT user (HTTP Basic), as the application
     * would have: for tests that make the state a crash leaves behind. Fails unless RT answers 2xx.
     */
    public JsonValue postAsApplication(String path, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("REST/2.0/" + path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString((user() + ":" + password()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> answer = send(HttpClient.newHttpClient(), request);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readValue();
        }
    }

    private JsonValue staffCall(String method, String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("REST/2.0/" + path))
                .timeout(Duration.ofSeconds(60))
                // RT refuses writes with a session cookie as cross-site request forgery without its own Referer.
                .header("Referer", url.toString())
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = send(staffHttp, request.build());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readValue();
        }
    }

    /**
     * The database of the first RT of this JVM as the setup left it, before any request: later RTs start from a copy
     * (with the same users, passwords and token) and skip the schema and the setup script, about 7 of their 9
     * seconds on a quiet machine.
     */
    private record Prepared(Path database, String password, String staffPassword, String token) {}

    private static Prepared prepared;

    private Prepared keepAsPrepared() {
        try {
            Path folder = Files.createTempDirectory("rt-prepared-");
            Path copy = folder.resolve("rt.db");
            Files.copy(databaseFile(), copy);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                copy.toFile().delete();
                folder.toFile().delete();
            }));
            return new Prepared(copy, password, staffPassword, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startFrom(Prepared database) {
        try {
            Files.copy(database.database(), databaseFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        password = database.password();
        staffPassword = database.staffPassword();
        token = database.token();
    }

    private void configure(String timezone, String extraConfig) {
        try {
            Files.createDirectories(directory.resolve("site-config.d"));
            Files.createDirectories(directory.resolve("mail"));
            Files.createDirectories(directory.resolve("sessions"));
            Files.copy(
                    setupFolder.resolve("RT_SiteConfig.d/csirt-desk.pm"),
                    directory.resolve("site-config.d/csirt-desk.pm"));
            Path sendmail = directory.resolve("sendmail");
            // Each mail whole in a file of its own, named so that names sort in sending order; moved into place
            // only when complete, so a reader never sees half a mail.
            Files.writeString(
                    sendmail,
                    "#!/bin/sh\n"
                            + "f=\"" + directory.resolve("mail") + "/$(date +%s%N).$$\"\n"
                            + "cat > \"$f.part\" && mv \"$f.part\" \"$f.eml\"\n");
            Files.setPosixFilePermissions(sendmail, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(siteConfig(), siteConfig(timezone, sendmail) + extraConfig + "1;\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initialiseDatabase() {
        try {
            Path rootPassword = directory.resolve("root-password");
            Files.writeString(rootPassword, randomSecret() + "\n");
            Ran init = run(
                    List.of(SETUP_DATABASE, "--action", "init", "--root-password-file", rootPassword.toString()), null);
            if (init.exitCode() != 0) {
                throw failure("rt-setup-database-5 exited with " + init.exitCode() + ":\n" + init.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped setup, for the application's user (with a token) and for the staff user. */
    private void provision() {
        Matcher issued = TOKEN.matcher(setup("--user", USER, "--password", password, "--token"));
        if (!issued.find()) {
            throw failure("csirt-desk-setup.pl printed no token");
        }
        token = issued.group(1);
        setup("--user", STAFF, "--password", staffPassword);
    }

    private String siteConfig(String timezone, Path sendmail) {
        String base = url.toString().replaceAll("/$", "");
        return String.join(
                "\n",
                "Set($rtname, '" + RTNAME + "');",
                "Set($Organization, 'csirt-test.example');",
                "Set($WebDomain, '127.0.0.1');",
                "Set($WebPort, " + port + ");",
                "Set($WebPath, '');",
                "Set($WebBaseURL, '" + base + "');",
                "Set(@ReferrerWhitelist, '127.0.0.1:" + port + "');",
                "Set($DatabaseType, 'SQLite');",
                "Set($DatabaseName, '" + databaseFile() + "');",
                "Set($MasonSessionDir, '" + directory.resolve("sessions") + "');",
                "Set($MailCommand, 'sendmailpipe');",
                "Set($SendmailPath, '" + sendmail + "');",
                "Set($CorrespondAddress, 'rt@csirt-test.example');",
                "Set($CommentAddress, 'rt-comment@csirt-test.example');",
                "Set($RTAddressRegexp, qr/^rt(-comment)?\\@csirt-test\\.example$/i);",
                "Set($Timezone, '" + timezone + "');",
                "Set($LogToSTDERR, 'warning');",
                "Set($LogToSyslog, undef);",
                "Set($LogToFile, undef);",
                "");
    }

    private void launch() {
        spawnServer();
        awaitReady();
        signInStaff();
    }

    private void spawnServer() {
        ProcessBuilder command = new ProcessBuilder(
                "setsid",
                RT_SERVER.toString(),
                "--server",
                "Starlet",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--max-workers",
                "4");
        environment(command);
        command.redirectErrorStream(true);
        command.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        command.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            server = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** REST2 answers (401 without credentials) once RT has loaded; the first answer can take a few seconds. */
    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw failure("rt-server exited with " + server.exitValue());
            }
            try {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(url.resolve("REST/2.0/rt"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 401 || answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(100);
        }
        throw failure("RT did not answer REST2 within " + READY_WITHIN.toSeconds() + " s");
    }

    /** RT's session cookie for the staff user: no password check on each call, as with Basic auth or a token. */
    private void signInStaff() {
        String form = "user=" + URLEncoder.encode(STAFF, StandardCharsets.UTF_8) + "&pass="
                + URLEncoder.encode(staffPassword, StandardCharsets.UTF_8);
        send(
                staffHttp,
                HttpRequest.newBuilder(url.resolve("NoAuth/Login.html"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
        try {
            get("rt");
        } catch (IllegalStateException e) {
            throw failure("the staff user could not sign in: " + e.getMessage());
        }
    }

    private record Ran(int exitCode, String output) {}

    /** Runs an RT command with this RT's configuration; its output goes to the log as well. */
    private Ran run(List<String> command, byte[] input) {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input);
            }
            process.getOutputStream().close();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failure(command.get(0) + " did not end within 120 s:\n" + output);
            }
            Files.writeString(
                    log(),
                    "$ " + String.join(" ", command) + "\n" + output,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new Ran(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void environment(ProcessBuilder command) {
        Map<String, String> environment = command.environment();
        environment.put("RT_SITE_CONFIG", siteConfig().toString());
        environment.put("RT_SITE_CONFIG_DIR", directory.resolve("site-config.d").toString());
    }

    private Path siteConfig() {
        return directory.resolve("RT_SiteConfig.pm");
    }

    private static void signalGroup(String signal, long group) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + group)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean groupAlive(long group) {
        try {
            return new ProcessBuilder("kill", "-0", "--", "-" + group)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The workers leave after the master; the port is free for {@link #startAgain()} only when all have gone. */
    private static void awaitGroupGone(long group) {
        long deadline = System.nanoTime() + STOPPED_WITHIN.toNanos();
        while (groupAlive(group)) {
            if (System.nanoTime() > deadline) {
                signalGroup("KILL", group);
                deadline = System.nanoTime() + STOPPED_WITHIN.toNanos();
            }
            pause(50);
        }
    }

    private static SentMail read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            List<String> recipients = new ArrayList<>();
            for (Message.RecipientType type :
                    List.of(Message.RecipientType.TO, Message.RecipientType.CC, Message.RecipientType.BCC)) {
                Address[] addresses = message.getRecipients(type);
                if (addresses != null) {
                    for (Address address : addresses) {
                        recipients.add(((InternetAddress) address).getAddress());
                    }
                }
            }
            Address[] from = message.getFrom();
            return new SentMail(
                    from == null ? null : ((InternetAddress) from[0]).getAddress(),
                    List.copyOf(recipients),
                    message.getSubject(),
                    text(message),
                    message.getMessageID());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable mail " + file, e);
        }
    }

    /** The mail's plain text: RT's templates send text/plain beside text/html, sometimes within a mixed part. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/html")) {
                    html = html == null ? (String) child.getContent() : html;
                    continue;
                }
                String found = text(child);
                if (found != null) {
                    return found;
                }
            }
            return html;
        }
        return part.isMimeType("text/html") ? (String) part.getContent() : null;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private IllegalStateException failure(String message) {
        String logText;
        try {
            logText = Files.exists(log()) ? Files.readString(log()) : "(no log)";
        } catch (IOException e) {
            logText = "(log unreadable: " + e + ")";
        }
        return new IllegalStateException(message + "\n--- RT's log " + log() + " ---\n" + logText);
    }

    /** The repository's rt/ folder: the tests run in the project's folder. */
    private static Path setupFolder() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("rt/csirt-desk-setup.pl");
            if (Files.exists(candidate)) {
                return candidate.getParent();
            }
        }
        throw new IllegalStateException(
                "rt/csirt-desk-setup.pl not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
