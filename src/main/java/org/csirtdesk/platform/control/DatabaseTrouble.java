package org.csirtdesk.platform.control;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that says the database cannot serve now, not that the request or the application is wrong: nothing
 * was stored, and the same request later may well succeed. Found in the cause chain however deeply Hibernate,
 * the transaction interceptor and Payara's pool wrapped it.
 */
public enum DatabaseTrouble {

    /** The database is out of reach: stopped, the connection lost, or the pool unable to hand out one. */
    UNAVAILABLE("the database cannot be reached at the moment", Duration.ofSeconds(30)),
    /** Other transactions hold the rows: a lock wait timeout, a deadlock (that survived its retry), a query timeout. */
    BUSY("the data involved is locked by other work at the moment", Duration.ofSeconds(5));

    /** MariaDB's lock wait timeout and deadlock. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private static final int DEADLOCK = 1213;

    public final String reason;
    /** How long a client should wait before trying again. */
    public final Duration retryAfter;

    DatabaseTrouble(String reason, Duration retryAfter) {
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** The trouble somewhere in the failure's causes; empty for any other failure. */
    public static Optional<DatabaseTrouble> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Optional<DatabaseTrouble> trouble = itself(cause);
            if (trouble.isPresent()) {
                return trouble;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseTrouble> itself(Throwable cause) {
        if (cause instanceof PessimisticLockException
                || cause instanceof LockTimeoutException
                || cause instanceof QueryTimeoutException
                || cause instanceof SQLTransactionRollbackException
                || cause instanceof SQLTimeoutException) {
            return Optional.of(BUSY);
        }
        // The pool's own failures (no connection could be made, none free within its wait time) come as
        // connector exceptions; the driver's as SQLSTATE class 08, "connection exception".
        if (cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException
                || cause instanceof ResourceException) {
            return Optional.of(UNAVAILABLE);
        }
        if (cause instanceof SQLException sql) {
            if (sql.getErrorCode() == LOCK_WAIT_TIMEOUT
                    || sql.getErrorCode() == DEADLOCK
                    || "40001".equals(sql.getSQLState())) {
                return Optional.of(BUSY);
            }
            if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return Optional.of(UNAVAILABLE);
            }
        }
        return Optional.empty();
    }
}
