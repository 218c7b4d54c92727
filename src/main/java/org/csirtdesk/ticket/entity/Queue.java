package org.csirtdesk.ticket.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** RT-IR's four queues, each with its lifecycle and its rule for belonging to incidents. */
public enum Queue {
    INCIDENT_REPORTS("incident-reports", "Incident Reports", Lifecycle.INCIDENT_REPORTS, IncidentLinks.ANY_NUMBER),
    INCIDENTS("incidents", "Incidents", Lifecycle.INCIDENTS, IncidentLinks.NONE),
    INVESTIGATIONS("investigations", "Investigations", Lifecycle.INVESTIGATIONS, IncidentLinks.EXACTLY_ONE),
    COUNTERMEASURES("countermeasures", "Countermeasures", Lifecycle.COUNTERMEASURES, IncidentLinks.EXACTLY_ONE);

    /** How many incidents a ticket of the queue belongs to (RT-IR's link rules). */
    public enum IncidentLinks {
        /** An incident is a parent, never a child. */
        NONE,
        /** A report may belong to no incident yet, or to several. */
        ANY_NUMBER,
        /** Created under an incident, and always under exactly one. */
        EXACTLY_ONE
    }

    private final String slug;
    private final String displayName;
    private final Lifecycle lifecycle;
    private final IncidentLinks incidentLinks;

    Queue(String slug, String displayName, Lifecycle lifecycle, IncidentLinks incidentLinks) {
        this.slug = slug;
        this.displayName = displayName;
        this.lifecycle = lifecycle;
        this.incidentLinks = incidentLinks;
    }

    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public IncidentLinks incidentLinks() {
        return incidentLinks;
    }

    /** Accepts the slug ({@code incident-reports}) or RT-IR's name ({@code Incident Reports}), in any case. */
    public static Optional<Queue> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        return Arrays.stream(values())
                .filter(queue -> queue.slug.equals(wanted))
                .findFirst();
    }
}
