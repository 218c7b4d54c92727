package org.csirtdesk.site.control;

/** The registry could not be reached or did not answer in time: worth retrying later. */
public class RegistryUnavailable extends RuntimeException {

    public RegistryUnavailable(String message) {
        super(message);
    }

    public RegistryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
