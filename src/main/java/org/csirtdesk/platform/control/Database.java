package org.csirtdesk.platform.control;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;

/**
 * The application's data sources. URL and credentials come from MicroProfile Config, so the environment
 * variables {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} set them. {@link LocalMariaDbDataSource}
 * gives local transactions (see there why). Schema migrations use a separate, non-transactional pool,
 * because Flyway commits by itself.
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
                properties = {
                        "fish.payara.is-connection-validation-required=true",
                        "fish.payara.connection-validation-method=meta-data",
                        "fish.payara.fail-all-connections=true"
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

    private Database() {
    }
}
