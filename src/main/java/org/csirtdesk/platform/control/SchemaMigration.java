package org.csirtdesk.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this build expects before anything else uses the database.
 * Flyway's lock table makes concurrent starts of several instances migrate exactly once.
 * Hibernate only reads the schema ({@code hbm2ddl=none}); a test validates the mapping against it.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Database.MIGRATION_JNDI_NAME)
    DataSource dataSource;

    private volatile String version;

    @PostConstruct
    void migrate() {
        MigrateResult result = apply(dataSource);
        version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Schema at version " + version + " (" + result.migrationsExecuted + " migrations applied)");
    }

    /** Runs the migrations shipped with this build; shared with the tests that migrate a fresh database. */
    public static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public boolean isDone() {
        return version != null;
    }

    public String version() {
        return version;
    }
}
