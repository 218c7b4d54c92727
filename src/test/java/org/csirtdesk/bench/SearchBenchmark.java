package org.csirtdesk.bench;

import jakarta.persistence.TypedQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.csirtdesk.campaign.control.CampaignTicketFilters;
import org.csirtdesk.incident.control.IncidentTicketFilters;
import org.csirtdesk.platform.control.SchemaMigration;
import org.csirtdesk.site.control.SiteTicketFilters;
import org.csirtdesk.support.Entities;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.ticket.control.BenchAccess;
import org.csirtdesk.ticket.entity.Ticket;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * The search's figures (see bench/search): 100,000 tickets and 1,000,000 history rows whose messages are drawn from
 * a vocabulary, in a scratch database migrated by the application's Flyway migrations; then the first page (50, newest
 * first) and its total of full-text queries, through the application's search (TicketSql parsed, compiled to JPQL by
 * TicketSearch with the deployed features' filters, run by Hibernate as Tickets.search runs it) beside the same
 * statements written by hand in SQL and run by JDBC, alternately in the same run: median and p95 of each. Bounded: it
 * stops by itself.
 */
public final class SearchBenchmark {

    private static final int TICKETS = 100_000;
    private static final int HISTORY_ROWS = 1_000_000;
    private static final int ROWS_PER_INSERT = 2_000;
    private static final int WARM_UP = 5;
    /** Runs of each query, each way; {@code -Dbench.runs=} changes it. */
    private static final int RUNS = Integer.getInteger("bench.runs", 50);
    /** {@code -Dbench.reuse=true}: the data of a previous run is kept and timed again (filling takes minutes). */
    private static final boolean REUSE = Boolean.getBoolean("bench.reuse");

    private static final String PART = "search";

    /** The queries timed: a rare phrase, a common word, and full text combined with fields. */
    private static final List<String[]> QUERIES = List.of(
            new String[] {"text ~ \"ssh keys\"", "+ssh +keys"},
            new String[] {"kernel", "+kernel"},
            new String[] {"text ~ rootkit AND queue = investigations AND status = open", "+rootkit"});

    private final Random random = new Random(5);
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        SearchBenchmark benchmark = new SearchBenchmark();
        benchmark.run();
        Path out = Path.of("target/bench/search.md");
        Files.createDirectories(out.getParent());
        Files.write(out, benchmark.report);
        benchmark.report.forEach(System.out::println);
    }

    private void run() throws Exception {
        DataSource database = REUSE ? existing() : TestDatabase.fresh(PART);
        if (!REUSE) {
            SchemaMigration.apply(database);
        }
        long fill = REUSE ? 0 : Measuring.timed(() -> fill(database));
        long[] index = new long[1];
        try (Connection db = database.getConnection();
                Statement sql = db.createStatement()) {
            index[0] = Measuring.timed(() -> {
                try {
                    if (REUSE) {
                        return;
                    }
                    sql.execute("ALTER TABLE tickets ADD FULLTEXT INDEX ft_tickets_subject (subject)");
                    sql.execute("ALTER TABLE ticket_history ADD FULLTEXT INDEX ft_ticket_history_content (content)");
                    sql.execute("ANALYZE TABLE tickets, ticket_history");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        line(String.format(
                Locale.ROOT,
                "data: %,d tickets, %,d history rows; filled by multi-row INSERTs in %.1f s, FULLTEXT indexes built in"
                        + " %.1f s; InnoDB buffer pool %d MiB",
                TICKETS,
                HISTORY_ROWS,
                fill / 1000.0,
                index[0] / 1000.0,
                bufferPool(database) >> 20));
        line("");
        line(
                "| query | matches | application (parse, JPQL, Hibernate): median, p95 | plain SQL by JDBC: median, p95 |");
        line("|---|---|---|---|");
        try (SessionFactory hibernate = Entities.sessionFactory(
                        TestDatabase.scratch(PART), "hibernate.default_batch_fetch_size", "100");
                Connection jdbc = database.getConnection()) {
            BenchAccess search = new BenchAccess(
                    List.of(new SiteTicketFilters(), new CampaignTicketFilters(), new IncidentTicketFilters()));
            for (String[] query : QUERIES) {
                long[] application = new long[RUNS];
                long[] plain = new long[RUNS];
                long[] total = new long[2];
                for (int i = -WARM_UP; i < RUNS; i++) {
                    long a = Measuring.timed(() -> total[0] = application(hibernate, search, query[0]));
                    long p = Measuring.timed(() -> total[1] = plain(jdbc, query[0], query[1], search.cap()));
                    if (i >= 0) {
                        application[i] = a;
                        plain[i] = p;
                    }
                }
                if (total[0] != total[1]) {
                    throw new IllegalStateException(
                            query[0] + ": the application found " + total[0] + ", plain SQL " + total[1]);
                }
                line(String.format(
                        Locale.ROOT,
                        "| `%s` | %,d | **%d ms**, %d ms | %d ms, %d ms |",
                        query[0],
                        total[0],
                        Measuring.median(application),
                        p95(application),
                        Measuring.median(plain),
                        p95(plain)));
            }
        }
        if (!Boolean.getBoolean("bench.keep")) {
            TestDatabase.drop(PART);
        }
    }

    private static long bufferPool(DataSource database) throws Exception {
        try (Connection db = database.getConnection();
                Statement sql = db.createStatement();
                ResultSet result = sql.executeQuery("SELECT @@innodb_buffer_pool_size")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static DataSource existing() throws Exception {
        org.mariadb.jdbc.MariaDbDataSource database = new org.mariadb.jdbc.MariaDbDataSource();
        database.setUrl(TestDatabase.url(TestDatabase.scratch(PART)));
        database.setUser(TestDatabase.USER);
        database.setPassword(TestDatabase.PASSWORD);
        return database;
    }

    /**
     * As Tickets.search answers a search of the full text: the ids newest first, up to the cap past the first, then the
     * page's 50 tickets by id. The total, or the cap plus one when there are more.
     */
    private static long application(SessionFactory hibernate, BenchAccess search, String query) {
        BenchAccess.Statements statements = search.statements(query);
        if (!statements.fullText()) {
            throw new IllegalStateException(query + " does not search the full text");
        }
        try (Session session = hibernate.openSession()) {
            TypedQuery<Long> select = session.createQuery(statements.ids(), Long.class);
            statements.parameters().forEach(select::setParameter);
            List<Long> ids = select.setMaxResults(search.cap() + 1).getResultList();
            List<Long> page = ids.subList(0, Math.min(ids.size(), 50));
            List<Ticket> tickets = page.isEmpty()
                    ? List.of()
                    : session.createNamedQuery(Ticket.BY_IDS, Ticket.class)
                            .setParameter("ids", page)
                            .getResultList();
            if (tickets.size() != page.size()) {
                throw new IllegalStateException(query + ": " + tickets.size() + " tickets of " + page.size() + " ids");
            }
            return ids.size();
        }
    }

    /**
     * The same by hand: the query's full text as MariaDB's boolean mode, the other fields as plain conditions; the
     * ids newest first up to the cap, then the page's rows.
     */
    private static long plain(Connection jdbc, String query, String against, int cap) {
        String where = "t.merged_into IS NULL AND (MATCH (t.subject) AGAINST (? IN BOOLEAN MODE) OR t.id IN (SELECT"
                + " h.ticket_id FROM ticket_history h WHERE MATCH (h.content) AGAINST (? IN BOOLEAN MODE)))"
                + (query.contains("queue =") ? " AND t.queue = 'INVESTIGATIONS' AND t.status = 'OPEN'" : "");
        try (PreparedStatement select = jdbc.prepareStatement(
                "SELECT t.id FROM tickets t WHERE " + where + " ORDER BY t.id DESC LIMIT " + (cap + 1))) {
            select.setString(1, against);
            select.setString(2, against);
            List<Long> ids = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
            List<Long> page = ids.subList(0, Math.min(ids.size(), 50));
            if (!page.isEmpty()) {
                String marks = String.join(",", Collections.nCopies(page.size(), "?"));
                try (PreparedStatement rows =
                        jdbc.prepareStatement("SELECT * FROM tickets WHERE id IN (" + marks + ") ORDER BY id DESC")) {
                    for (int i = 0; i < page.size(); i++) {
                        rows.setLong(i + 1, page.get(i));
                    }
                    try (ResultSet result = rows.executeQuery()) {
                        while (result.next()) {
                            result.getString("subject");
                        }
                    }
                }
            }
            return ids.size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tickets over queues and statuses; ten history rows each on average, messages of 12 to 40 words from a
     * vocabulary of 5,000 made-up words and a few real ones at known rates: "ssh keys" in 0.1 % of the messages,
     * "kernel" in 2 %, "rootkit" in 0.5 %. The FULLTEXT indexes are dropped for the load and built after it, as a
     * bulk load would.
     */
    private void fill(DataSource database) {
        String[] vocabulary = new String[5000];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int c = 0; c < 4 + random.nextInt(6); c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = word.toString();
        }
        String[] queues = {"INCIDENT_REPORTS", "INCIDENTS", "INVESTIGATIONS", "INVESTIGATIONS", "COUNTERMEASURES"};
        String[] statuses = {"OPEN", "OPEN", "RESOLVED", "NEW"};
        try (Connection db = database.getConnection();
                Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE tickets DROP INDEX ft_tickets_subject");
            sql.execute("ALTER TABLE ticket_history DROP INDEX ft_ticket_history_content");
            sql.execute("SET foreign_key_checks = 0");
            sql.execute("SET unique_checks = 0");
            MultiRowInsert tickets = new MultiRowInsert(
                    sql,
                    "INSERT INTO tickets (id, queue, subject, status, tlp, site, created_at, updated_at, version) VALUES ",
                    ROWS_PER_INSERT);
            for (int id = 1; id <= TICKETS; id++) {
                String queue = queues[id % queues.length];
                String status = queue.equals("INCIDENT_REPORTS") ? "NEW" : statuses[id % statuses.length];
                if (status.equals("NEW") && !queue.equals("INCIDENT_REPORTS")) {
                    status = "OPEN";
                }
                String subject = words(vocabulary, 4 + random.nextInt(5)) + " at SITE-" + (id % 400);
                tickets.add(id + ", '" + queue + "', '" + subject + "', '" + status + "', 'AMBER', 'SITE-" + (id % 400)
                        + "', NOW(6), NOW(6), 0");
            }
            tickets.flush();
            MultiRowInsert history = new MultiRowInsert(
                    sql, "INSERT INTO ticket_history (ticket_id, type, actor, at, content) VALUES ", ROWS_PER_INSERT);
            for (int row = 0; row < HISTORY_ROWS; row++) {
                int ticket = 1 + random.nextInt(TICKETS);
                StringBuilder content = new StringBuilder(words(vocabulary, 12 + random.nextInt(29)));
                double dice = random.nextDouble();
                if (dice < 0.001) {
                    content.append(" the stolen ssh keys were revoked");
                } else if (dice < 0.021) {
                    content.append(" please update the kernel and reboot");
                } else if (dice < 0.026) {
                    content.append(" a rootkit was found on the host");
                }
                String type = row % 3 == 0 ? "COMMENT" : "CORRESPOND";
                history.add(ticket + ", '" + type + "', 'alice', NOW(6), '" + content + "'");
            }
            history.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String words(String[] vocabulary, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return text.toString();
    }

    private static long p95(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
    }

    private void line(String text) {
        report.add(text);
        System.out.println(text);
    }
}
