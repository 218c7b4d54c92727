package org.csirtdesk.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build made, for the integration tests. Each test class may add configuration of its own: it is
 * written into the archive's MicroProfile Config file, since every Arquillian class starts its own server and
 * the command line is the same for all of them.
 */
public final class Deployments {

    private static final String INITIAL_ADMIN = "csirt.security.initial-admin";
    private static final ArchivePath CONFIG =
            ArchivePaths.create("WEB-INF/classes/META-INF/microprofile-config.properties");

    private Deployments() {}

    public static WebArchive war() {
        return war(Map.of());
    }

    public static WebArchive war(Map<String, String> configuration) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
        Properties properties = new Properties();
        try (InputStream in = war.get(CONFIG).getAsset().openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put(INITIAL_ADMIN, TestUsers.initialAdmin());
        properties.putAll(configuration);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "integration test configuration");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        war.delete(CONFIG);
        war.add(new StringAsset(text.toString()), CONFIG);
        return war;
    }
}
