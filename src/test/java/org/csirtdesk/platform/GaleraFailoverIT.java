package org.csirtdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.ApplicationProcess;
import org.csirtdesk.support.GaleraCluster;
import org.csirtdesk.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application on a three-node MariaDB Galera Cluster (issue 22, its database part): migrated there by Flyway with
 * its triggers, writing through Connector/J's failover URL, and going on when the node it writes to is killed. Tagged
 * {@code ha}: it runs in the {@code ha} profile ({@code mvn verify -Pha}), not in the default suite.
 */
@Tag("ha")
class GaleraFailoverIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static GaleraCluster cluster;
    private static ApplicationProcess application;
    private static Api csirt;

    /** One ticket creation as a client saw it: when it was sent, how long it took and what came back. */
    private record Attempt(long sentAtMillis, long tookMillis, int status, String retryAfter, String body) {}

    @BeforeAll
    static void start() throws Exception {
        cluster = GaleraCluster.start();
        Path temporary = Files.createDirectories(ROOT.resolve("target/galera-failover/tmp"));
        application = ApplicationProcess.start(
                ROOT,
                ApplicationProcess.freePort(),
                ROOT.resolve("target/galera-failover/payara.log"),
                Map.of(
                        "DB_URL",
                        cluster.jdbcUrl(),
                        "DB_USER",
                        org.csirtdesk.support.TestDatabase.USER,
                        "DB_PASSWORD",
                        org.csirtdesk.support.TestDatabase.PASSWORD,
                        "CSIRT_SITE_REGISTRY",
                        "embedded",
                        "JAVA_OPTS",
                        "-Xmx512m -XX:TieredStopAtLevel=1 -Djava.io.tmpdir="
                                + ROOT.resolve("target/galera-failover/tmp")));
        Api anonymous = new Api(application.url());
        csirt = TestUsers.withRoles(anonymous, "galera-csirt", List.of("csirt"));
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @DisplayName("The writing Galera node killed under load: tickets go on being created on the next node, none is"
            + " half-stored, and every one answered 201 is there")
    void theWritingNodeDies() throws Exception {
        assertThat(cluster.query(1, "SELECT COUNT(*) FROM csirt_desk_ha.flyway_schema_history WHERE success = 1")
                        .strip())
                .as("every migration ran on the cluster")
                .isNotEqualTo("0");
        // Signed in and warm before the clock starts: the failover is measured, not the first sign-in.
        assertThat(csirt.post("api/tickets", "{\"queue\": \"incident-reports\", \"subject\": \"warm-up\"}")
                        .status())
                .isEqualTo(201);
        List<Attempt> attempts = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.currentTimeMillis();
        // Four clients, so that requests are in flight when the node dies.
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String name = "client " + c;
            Thread client = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    long sent = System.currentTimeMillis();
                    Attempt attempt;
                    try {
                        Api.Answer answer = csirt.post(
                                "api/tickets",
                                "{\"queue\": \"incident-reports\", \"subject\": \"failover " + name + " " + (n++)
                                        + "\"}");
                        attempt = new Attempt(
                                sent - start,
                                System.currentTimeMillis() - sent,
                                answer.status(),
                                answer.header("Retry-After"),
                                answer.status() >= 300 ? answer.body() : "");
                    } catch (RuntimeException noAnswer) {
                        // Status 0: no answer within the client's 30 seconds.
                        attempt = new Attempt(
                                sent - start, System.currentTimeMillis() - sent, 0, null, noAnswer.toString());
                    }
                    synchronized (attempts) {
                        attempts.add(attempt);
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        Thread.sleep(3_000);
        int writer = cluster.writer();
        long killedAt = System.currentTimeMillis() - start;
        cluster.kill(writer);
        Thread.sleep(30_000);
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60).toMillis());
        }

        List<Attempt> failed = attempts.stream().filter(a -> a.status() != 201).toList();
        long created = attempts.stream().filter(a -> a.status() == 201).count();
        long lastFailureEnd = failed.stream()
                .mapToLong(a -> a.sentAtMillis() + a.tookMillis())
                .max()
                .orElse(killedAt);
        System.out.printf(
                "Galera failover: node %d killed at %d ms; %d attempts, %d created, %d refused %s; clients saw"
                        + " failures for %d ms after the kill; the slowest answer after it took %d ms%n",
                writer,
                killedAt,
                attempts.size(),
                created,
                failed.size(),
                failed.stream()
                        .map(a -> a.status() + (a.retryAfter() == null ? "" : " Retry-After " + a.retryAfter()))
                        .distinct()
                        .toList(),
                Math.max(0, lastFailureEnd - killedAt),
                attempts.stream()
                        .filter(a -> a.sentAtMillis() + a.tookMillis() >= killedAt)
                        .mapToLong(Attempt::tookMillis)
                        .max()
                        .orElse(0));
        failed.stream().limit(3).forEach(a -> System.out.println("  " + a));

        int survivor = writer == 1 ? 2 : 1;
        long stored = Long.parseLong(
                cluster.query(survivor, "SELECT COUNT(*) FROM csirt_desk_ha.tickets WHERE subject LIKE 'failover %'")
                        .strip());
        assertThat(stored)
                .as("every ticket answered 201 is stored (a request cut by the kill may be stored unanswered)")
                .isBetween(created, created + failed.size());
        long withoutHistory = Long.parseLong(cluster.query(
                        survivor,
                        "SELECT COUNT(*) FROM csirt_desk_ha.tickets t WHERE t.subject LIKE 'failover %' AND NOT EXISTS"
                                + " (SELECT 1 FROM csirt_desk_ha.ticket_history h WHERE h.ticket_id = t.id)")
                .strip());
        assertThat(withoutHistory).as("no ticket half-stored").isZero();
        assertThat(attempts.stream().filter(a -> a.sentAtMillis() > lastFailureEnd))
                .as("created again after the failover")
                .isNotEmpty()
                .allMatch(a -> a.status() == 201);
        assertThat(failed)
                .as("a refusal during the failover is 503 with Retry-After, never another 5xx")
                .allMatch(a -> a.status() == 503 && a.retryAfter() != null);
    }
}
