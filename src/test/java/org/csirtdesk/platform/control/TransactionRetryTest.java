package org.csirtdesk.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.csirtdesk.support.ScratchPersistence.inTransaction;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.csirtdesk.schedule.entity.ScheduledStep;
import org.csirtdesk.support.ScratchPersistence;
import org.csirtdesk.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transactions tried again on a real MariaDB, through Hibernate as the application runs them: a deadlock that
 * MariaDB breaks (error 1213, what Galera's certification failure also answers) and a connection killed in the
 * middle of a transaction (what a failover does to it) are tried again and done once; any other failure is not.
 */
class TransactionRetryTest {

    private static final TransactionRetry QUICK = new TransactionRetry(
            TransactionRetry.BACKGROUND.attempts(), java.time.Duration.ofMillis(20), TransactionRetry.BACKGROUND.on());

    private static ScratchPersistence database;

    @BeforeAll
    static void database() throws SQLException {
        database = ScratchPersistence.of("retry", ScheduledStep.class);
    }

    @AfterAll
    static void drop() throws SQLException {
        database.close();
    }

    @BeforeEach
    void twoRows() throws SQLException {
        database.sql(
                "DELETE FROM schedule_steps",
                "INSERT INTO schedule_steps (id, owner_kind, owner_id, step, due_at, state, attempts, version) VALUES "
                        + "(1, 'test', 1, 'a', '2027-01-11 09:00:00', 'PLANNED', 0, 0), "
                        + "(2, 'test', 1, 'b', '2027-01-11 09:00:00', 'PLANNED', 0, 0)");
    }

    private static void increment(EntityManager em, long id) {
        em.createNativeQuery("UPDATE schedule_steps SET attempts = attempts + 1 WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }

    private static long attemptsOf(long id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT attempts FROM schedule_steps WHERE id = " + id)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    @DisplayName(
            "Two transactions that lock two rows in opposite orders deadlock (1213): the one MariaDB rolls back is tried again, and each is done once")
    void deadlockIsTriedAgain() throws Exception {
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        List<CompletableFuture<Void>> transactions = List.of(1L, 2L).stream()
                .map(first -> CompletableFuture.runAsync(() -> {
                    long second = 3 - first;
                    AtomicInteger attempt = new AtomicInteger();
                    try (EntityManager em = database.entityManager()) {
                        QUICK.run("both rows, " + first + " first", () -> {
                            runs.incrementAndGet();
                            try {
                                return inTransaction(em, tx -> {
                                    increment(tx, first);
                                    if (attempt.incrementAndGet() == 1) {
                                        await(bothHoldTheirFirstRow);
                                    }
                                    increment(tx, second);
                                    return null;
                                });
                            } catch (RuntimeException e) {
                                DatabaseTrouble.of(e)
                                        .filter(DatabaseTrouble.BUSY::equals)
                                        .ifPresent(trouble -> busy.incrementAndGet());
                                throw e;
                            }
                        });
                    }
                }))
                .toList();
        CompletableFuture.allOf(transactions.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(busy).as("one deadlock victim").hasValue(1);
        assertThat(runs).as("two transactions, one of them twice").hasValue(3);
        assertThat(attemptsOf(1)).isEqualTo(2);
        assertThat(attemptsOf(2)).isEqualTo(2);
    }

    @Test
    @DisplayName(
            "A transaction whose connection is killed in its middle (KILL from another connection) is rolled back and tried again on a new connection: done once")
    void killedConnectionIsTriedAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        // An entity manager per attempt: each of the application's transactions takes a connection from the pool,
        // which validates it, and drops them all when one is found broken.
        QUICK.run("a transaction cut in its middle", () -> {
            try (EntityManager em = database.entityManager()) {
                return inTransaction(em, tx -> {
                    increment(tx, 1);
                    if (runs.incrementAndGet() == 1) {
                        TestDatabase.kill(((Number) tx.createNativeQuery("SELECT CONNECTION_ID()")
                                        .getSingleResult())
                                .longValue());
                    }
                    increment(tx, 2);
                    return null;
                });
            }
        });
        assertThat(runs).hasValue(2);
        assertThat(attemptsOf(1))
                .as("the first attempt's change was rolled back")
                .isEqualTo(1);
        assertThat(attemptsOf(2)).isEqualTo(1);
    }

    @Test
    @DisplayName("A failure that is not the database's (a duplicate key here) is not tried again")
    void otherFailuresAreNotTriedAgain() {
        AtomicInteger runs = new AtomicInteger();
        try (EntityManager em = database.entityManager()) {
            assertThatThrownBy(() -> QUICK.run(
                            "a duplicate",
                            () -> inTransaction(em, tx -> {
                                runs.incrementAndGet();
                                return tx.createNativeQuery(
                                                "INSERT INTO schedule_steps (id, owner_kind, owner_id, step, "
                                                        + "due_at, state, attempts, version) VALUES (1, 'test', 2, 'c', "
                                                        + "'2027-01-11 09:00:00', 'PLANNED', 0, 0)")
                                        .executeUpdate();
                            })))
                    .satisfies(e -> assertThat(DatabaseTrouble.of(e)).isEmpty());
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    @DisplayName("A database that stays unreachable is given up after the bounded attempts, with its last failure")
    void givesUpAfterItsAttempts() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> QUICK.run("never", () -> {
                    runs.incrementAndGet();
                    throw new jakarta.persistence.PersistenceException(
                            new java.sql.SQLNonTransientConnectionException("socket closed", "08000"));
                }))
                .hasRootCauseMessage("socket closed");
        assertThat(runs).hasValue(QUICK.attempts());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
