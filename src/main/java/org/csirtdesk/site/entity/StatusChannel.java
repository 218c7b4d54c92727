package org.csirtdesk.site.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a certification status change reaches the registry. GOCDB's write API cannot change a status, so it
 * is its portal's form, a request to the operators on duty, or, in the zero-setup run, the embedded registry.
 */
public enum StatusChannel {
    PORTAL("portal"),
    OPERATOR_REQUEST("operator-request"),
    EMBEDDED("embedded");

    private final String configName;

    StatusChannel(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<StatusChannel> parse(String text) {
        return Arrays.stream(values())
                .filter(channel -> channel.configName.equalsIgnoreCase(text.trim()))
                .findFirst();
    }
}
