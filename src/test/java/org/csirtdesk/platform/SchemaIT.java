package org.csirtdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.csirtdesk.platform.control.SchemaMigration;
import org.csirtdesk.support.Entities;
import org.csirtdesk.support.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations in sql/ against the real MariaDB: concurrent starts, the JPA mapping, append-only history. */
class SchemaIT {

    private static DataSource migrated;

    @BeforeAll
    static void migrateOnce() throws SQLException {
        migrated = TestDatabase.fresh("schema");
        SchemaMigration.apply(migrated);
    }

    @AfterAll
    static void drop() throws SQLException {
        TestDatabase.drop("schema");
        TestDatabase.drop("concurrent");
    }

    @Test
    void concurrentStartsMigrateExactlyOnce() throws Exception {
        DataSource fresh = TestDatabase.fresh("concurrent");
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Callable<MigrateResult> start = () -> {
                    together.await();
                    return SchemaMigration.apply(fresh);
                };
                results.add(pool.submit(start));
            }
            int executed = 0;
            for (Future<MigrateResult> result : results) {
                executed += result.get().migrationsExecuted;
            }
            int shipped = migrationFiles().size();
            assertThat(executed).as("migrations run across all instances").isEqualTo(shipped);
            try (Connection connection = fresh.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows =
                            statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(shipped);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theJpaMappingMatchesTheMigratedSchema() throws Exception {
        List<Class<?>> entities = Entities.all();
        assertThat(entities).hasSizeGreaterThanOrEqualTo(4);
        try (SessionFactory validated =
                Entities.sessionFactory(TestDatabase.scratch("schema"), "hibernate.hbm2ddl.auto", "validate")) {
            assertThat(validated.getMetamodel().getEntities()).hasSameSizeAs(entities);
        }
    }

    @Test
    void historyIsAppendOnlyAndTicketsAreNeverDeleted() throws SQLException {
        try (Connection connection = migrated.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "INSERT INTO tickets (queue, subject, status, tlp, created_at, updated_at, version) "
                            + "VALUES ('INCIDENTS', 'x', 'OPEN', 'AMBER', NOW(6), NOW(6), 0)");
            statement.executeUpdate("INSERT INTO ticket_history (ticket_id, type, actor, at) "
                    + "SELECT MAX(id), 'CREATE', 'test', NOW(6) FROM tickets");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE ticket_history SET actor = 'someone else'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM ticket_history"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM tickets"))
                    .hasMessageContaining("never deleted");
        }
    }

    private static List<Path> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .toList();
        }
    }
}
