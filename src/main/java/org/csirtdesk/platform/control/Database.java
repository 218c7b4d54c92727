package org.csirtdesk.platform.control;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import java.sql.Connection;

/**
 * The application's data sources. URL and credentials come from MicroProfile Config, so the environment
 * variables {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} set them. {@link LocalMariaDbDataSource}
 * gives local transactions (see there why). Schema migrations use a separate, non-transactional pool,
 * because Flyway commits by itself.
 *
 * <p>Transactions are READ COMMITTED, not MariaDB's default REPEATABLE READ. The application's rule is "lock the
 * rows, then read them": under REPEATABLE READ a read after a lock still sees the snapshot taken at the
 * transaction's first read, so a transaction that reads, then locks a row another one just changed (a
 * monitoring report locking the Incident Report it writes to), would act on the old row. READ COMMITTED reads
 * what is committed when it reads, and takes no gap locks, so concurrent inserts wait on each other less.
 *
 * <p>The application's pool waits at most {@code db.socket-timeout} for any one answer of the database (see
 * {@link LocalMariaDbDataSource#setSocketTimeout}): a database that accepts connections but has stopped answering
 * fails the request with a connection error (503 with Retry-After, {@link DatabaseTrouble#UNAVAILABLE}) instead of
 * hanging it, and the pool drops its connections. The default, 60 s, is above MariaDB's default lock wait (50 s,
 * which ends as a lock wait timeout, {@link DatabaseTrouble#BUSY}, on a connection that stays good) and far above
 * the slowest work measured in {@code docs/benchmarks.md}, whose single statements are shorter still: the six-month
 * activity report, 4.1 s for the whole request cold on a loaded machine; the largest Pakiti snapshot, 8.7 s for its
 * whole transaction; a heartbeat batch's statements, milliseconds. A new connection waits at most
 * {@code db.connect-timeout} (10 s, MariaDB's own {@code connect_timeout} for a handshake) for the database's greeting:
 * the pool opens one in the failing request's thread when it drops its connections, so a request met by a silent
 * database waits both. The migration pool has no such limits: a migration may rightly rebuild a large table for
 * minutes.
 */
@DataSourceDefinitions({
    @DataSourceDefinition(
            name = Database.JNDI_NAME,
            className = "org.csirtdesk.platform.control.LocalMariaDbDataSource",
            url = "${MPCONFIG=db.url}",
            user = "${MPCONFIG=db.user}",
            password = "${MPCONFIG=db.password}",
            minPoolSize = 4,
            maxPoolSize = 40,
            isolationLevel = Connection.TRANSACTION_READ_COMMITTED,
            properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=meta-data",
                "fish.payara.fail-all-connections=true",
                "socketTimeout=${MPCONFIG=db.socket-timeout}",
                "connectTimeout=${MPCONFIG=db.connect-timeout}"
            }),
    @DataSourceDefinition(
            name = Database.MIGRATION_JNDI_NAME,
            className = "org.csirtdesk.platform.control.LocalMariaDbDataSource",
            url = "${MPCONFIG=db.url}",
            user = "${MPCONFIG=db.user}",
            password = "${MPCONFIG=db.password}",
            transactional = false,
            minPoolSize = 0,
            maxPoolSize = 2)
})
public final class Database {

    public static final String JNDI_NAME = "java:app/jdbc/csirt";
    public static final String MIGRATION_JNDI_NAME = "java:app/jdbc/csirt-migration";

    private Database() {}
}
