package org.csirtdesk.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.csirtdesk.platform.control.SchemaMigration;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * JPA without Payara, for fast tests of controls that read and write the database: a scratch database on the test
 * server (see {@link TestDatabase}) migrated by the application's Flyway migrations, and Hibernate mapping only the
 * entities a test names, with resource-local transactions instead of JTA. The mapping's settings are the
 * persistence unit's that matter to a query (UTC times, batched writes) and the data source's READ COMMITTED.
 */
public final class ScratchPersistence implements AutoCloseable {

    private final String part;
    private final DataSource dataSource;
    private final EntityManagerFactory factory;

    private ScratchPersistence(String part, DataSource dataSource, EntityManagerFactory factory) {
        this.part = part;
        this.dataSource = dataSource;
        this.factory = factory;
    }

    /** A fresh scratch database named after the test's part, migrated, with these entities mapped. */
    public static ScratchPersistence of(String part, Class<?>... entities) throws SQLException {
        SchemaMigration.apply(TestDatabase.fresh(part));
        // READ COMMITTED as the application's data source (platform.control.Database): no gap locks between workers.
        MariaDbDataSource dataSource = new MariaDbDataSource();
        dataSource.setUrl(TestDatabase.url(TestDatabase.scratch(part)) + "?transactionIsolation=READ_COMMITTED");
        dataSource.setUser(TestDatabase.USER);
        dataSource.setPassword(TestDatabase.PASSWORD);
        Configuration configuration = new Configuration();
        for (Class<?> entity : entities) {
            configuration.addAnnotatedClass(entity);
        }
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        configuration.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        configuration.setProperty(AvailableSettings.ORDER_INSERTS, "true");
        return new ScratchPersistence(part, dataSource, configuration.buildSessionFactory());
    }

    public EntityManager entityManager() {
        return factory.createEntityManager();
    }

    /** Runs {@code work} in a transaction of its own on {@code em}: committed if it returns, rolled back if it throws. */
    public static <T> T inTransaction(EntityManager em, Function<EntityManager, T> work) {
        em.getTransaction().begin();
        try {
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
            throw e;
        }
    }

    public static void doInTransaction(EntityManager em, Consumer<EntityManager> work) {
        inTransaction(em, (Function<EntityManager, Void>) tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Runs SQL on a connection of its own, outside any entity manager (a test's setting up or checking). */
    public void sql(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        factory.close();
        TestDatabase.drop(part);
    }
}
