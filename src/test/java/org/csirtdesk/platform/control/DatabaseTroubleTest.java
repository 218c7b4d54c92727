package org.csirtdesk.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseTroubleTest {

    /** As Hibernate and the transaction interceptor hand a JDBC failure on. */
    private static RuntimeException wrapped(Throwable cause) {
        return new TransactionalException(
                "commit failed", new PersistenceException("could not execute statement", cause));
    }

    @Test
    void aLostConnectionOrAPoolWithoutOneIsUnavailable() {
        assertThat(DatabaseTrouble.of(wrapped(new SQLNonTransientConnectionException("socket closed", "08000"))))
                .contains(DatabaseTrouble.UNAVAILABLE);
        assertThat(DatabaseTrouble.of(wrapped(new SQLTransientConnectionException("timed out"))))
                .contains(DatabaseTrouble.UNAVAILABLE);
        assertThat(DatabaseTrouble.of(wrapped(new SQLException(
                        "Error in allocating a connection", new ResourceAllocationException("no connection")))))
                .contains(DatabaseTrouble.UNAVAILABLE);
        assertThat(DatabaseTrouble.of(wrapped(new SQLException("Communications link failure", "08S01"))))
                .contains(DatabaseTrouble.UNAVAILABLE);
    }

    @Test
    void aLockWaitTimeoutOrADeadlockIsBusy() {
        assertThat(DatabaseTrouble.of(wrapped(new SQLException("Lock wait timeout exceeded", "HY000", 1205))))
                .contains(DatabaseTrouble.BUSY);
        assertThat(DatabaseTrouble.of(wrapped(new SQLException("Deadlock found", "40001", 1213))))
                .contains(DatabaseTrouble.BUSY);
        assertThat(DatabaseTrouble.of(new PessimisticLockException("deadlock"))).contains(DatabaseTrouble.BUSY);
        assertThat(DatabaseTrouble.of(new LockTimeoutException("lock timeout"))).contains(DatabaseTrouble.BUSY);
    }

    @Test
    void anyOtherFailureIsNoDatabaseTrouble() {
        assertThat(DatabaseTrouble.of(wrapped(new SQLException("Duplicate entry", "23000", 1062))))
                .isEmpty();
        assertThat(DatabaseTrouble.of(new IllegalStateException("a bug"))).isEmpty();
        assertThat(DatabaseTrouble.of(new PersistenceException("no cause"))).isEmpty();
    }
}
