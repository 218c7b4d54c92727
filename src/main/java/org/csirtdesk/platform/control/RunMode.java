package org.csirtdesk.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the application runs for real or as the zero-setup demo ({@code csirt.mode=demo}, which payara/run sets
 * for the embedded MariaDB): demo data and the embedded site registry follow from it.
 */
@ApplicationScoped
public class RunMode {

    @Inject
    @ConfigProperty(name = "csirt.mode")
    String mode;

    public boolean isDemo() {
        return "demo".equals(mode);
    }
}
