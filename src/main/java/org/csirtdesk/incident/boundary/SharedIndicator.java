package org.csirtdesk.incident.boundary;

import org.csirtdesk.incident.entity.FoundIndicator;

/** An indicator two tickets have in common. */
public record SharedIndicator(String type, String value) {

    static SharedIndicator of(FoundIndicator found) {
        return new SharedIndicator(found.type().slug(), found.value());
    }
}
