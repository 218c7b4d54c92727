package org.csirtdesk.support;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/** The application's JPA mapping outside Payara, for tests that run Hibernate on the real MariaDB. */
public final class Entities {

    private Entities() {}

    /** Hibernate on a database of the test server with every entity, with the given settings beside. */
    public static SessionFactory sessionFactory(String database, String... settings) throws IOException {
        Configuration configuration = new Configuration()
                .setProperty("hibernate.connection.url", TestDatabase.url(database))
                .setProperty("hibernate.connection.username", TestDatabase.USER)
                .setProperty("hibernate.connection.password", TestDatabase.PASSWORD)
                .setProperty("hibernate.jdbc.time_zone", "UTC");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            configuration.setProperty(settings[i], settings[i + 1]);
        }
        all().forEach(configuration::addAnnotatedClass);
        return configuration.buildSessionFactory();
    }

    /** Every @Entity the build compiled, so a new entity is mapped without touching the tests. */
    public static List<Class<?>> all() throws IOException {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> entities = new ArrayList<>();
            for (Path file : files.filter(f ->
                            f.toString().endsWith(".class") && f.getParent().endsWith("entity"))
                    .toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name);
                    if (type.isAnnotationPresent(Entity.class)) {
                        entities.add(type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            return entities;
        }
    }
}
