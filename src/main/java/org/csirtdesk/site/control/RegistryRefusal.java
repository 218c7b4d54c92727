package org.csirtdesk.site.control;

/** The registry answered, with an error (GOCDB often does so under HTTP 200): retrying will not help. */
public class RegistryRefusal extends RuntimeException {

    public RegistryRefusal(String message) {
        super(message);
    }
}
