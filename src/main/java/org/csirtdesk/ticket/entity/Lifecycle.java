package org.csirtdesk.ticket.entity;

import static org.csirtdesk.ticket.entity.Status.ABANDONED;
import static org.csirtdesk.ticket.entity.Status.ACTIVE;
import static org.csirtdesk.ticket.entity.Status.NEW;
import static org.csirtdesk.ticket.entity.Status.OPEN;
import static org.csirtdesk.ticket.entity.Status.PENDING_ACTIVATION;
import static org.csirtdesk.ticket.entity.Status.PENDING_REMOVAL;
import static org.csirtdesk.ticket.entity.Status.REJECTED;
import static org.csirtdesk.ticket.entity.Status.REMOVED;
import static org.csirtdesk.ticket.entity.Status.RESOLVED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RT-IR's lifecycles as explicit transition tables (after RT's {@code %Lifecycles}): where a ticket
 * starts, where it may go from each status, which statuses count as active, and where a child goes
 * when its incident is closed.
 */
public enum Lifecycle {
    INCIDENT_REPORTS(
            NEW,
            RESOLVED,
            Map.of(
                    NEW, List.of(OPEN, RESOLVED, REJECTED),
                    OPEN, List.of(RESOLVED, REJECTED),
                    RESOLVED, List.of(OPEN),
                    REJECTED, List.of(OPEN))),

    INCIDENTS(
            OPEN,
            RESOLVED,
            Map.of(
                    OPEN, List.of(RESOLVED, ABANDONED),
                    RESOLVED, List.of(OPEN),
                    ABANDONED, List.of(OPEN))),

    INVESTIGATIONS(
            OPEN,
            RESOLVED,
            Map.of(
                    OPEN, List.of(RESOLVED),
                    RESOLVED, List.of(OPEN))),

    COUNTERMEASURES(
            PENDING_ACTIVATION,
            REMOVED,
            Map.of(
                    PENDING_ACTIVATION, List.of(ACTIVE, REMOVED),
                    ACTIVE, List.of(PENDING_REMOVAL, REMOVED),
                    PENDING_REMOVAL, List.of(REMOVED, ACTIVE),
                    REMOVED, List.of(PENDING_ACTIVATION)));

    /** Statuses in which a ticket is still being worked; the rest are closed. */
    private static final Set<Status> ACTIVE_STATUSES =
            EnumSet.of(NEW, OPEN, PENDING_ACTIVATION, ACTIVE, PENDING_REMOVAL);

    private final Status initial;
    private final Status closedByIncident;
    private final Map<Status, Set<Status>> transitions;

    Lifecycle(Status initial, Status closedByIncident, Map<Status, List<Status>> table) {
        this.initial = initial;
        this.closedByIncident = closedByIncident;
        EnumMap<Status, Set<Status>> transitions = new EnumMap<>(Status.class);
        table.forEach((from, to) -> transitions.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
        this.transitions = Collections.unmodifiableMap(transitions);
    }

    public Status initial() {
        return initial;
    }

    /** The statuses of this lifecycle, the initial one first. */
    public Set<Status> statuses() {
        return transitions.keySet();
    }

    public boolean has(Status status) {
        return transitions.containsKey(status);
    }

    public Set<Status> allowedFrom(Status from) {
        return transitions.getOrDefault(from, Set.of());
    }

    public boolean allows(Status from, Status to) {
        return allowedFrom(from).contains(to);
    }

    public static boolean isActive(Status status) {
        return ACTIVE_STATUSES.contains(status);
    }

    /** Where an active child goes when its incident is resolved or abandoned (RT-IR resolves the children). */
    public Status closedByIncident() {
        return closedByIncident;
    }

    /** RT opens a new ticket on its first correspondence. */
    public Status afterCorrespondence(Status current) {
        return current == NEW && allows(NEW, OPEN) ? OPEN : current;
    }
}
