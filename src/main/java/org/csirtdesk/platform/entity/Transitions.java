package org.csirtdesk.platform.entity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An explicit transition table of an enum of states, built once: which states each state may move to. */
public final class Transitions<E extends Enum<E>> {

    private final Map<E, Set<E>> next;

    private Transitions(Class<E> type, Map<E, List<E>> table) {
        EnumMap<E, Set<E>> next = new EnumMap<>(type);
        for (E state : type.getEnumConstants()) {
            List<E> to = table.get(state);
            if (to == null) {
                throw new IllegalArgumentException(
                        "the transition table of " + type.getSimpleName() + " has no row for " + state);
            }
            next.put(state, Collections.unmodifiableSet(to.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(to)));
        }
        this.next = Collections.unmodifiableMap(next);
    }

    /** Every state must have its row, an empty list for a final state. */
    public static <E extends Enum<E>> Transitions<E> of(Class<E> type, Map<E, List<E>> table) {
        return new Transitions<>(type, table);
    }

    public boolean allows(E from, E to) {
        return next.get(from).contains(to);
    }

    /** The states {@code from} may move to, for messages that say what would have been allowed. */
    public Set<E> from(E from) {
        return next.get(from);
    }
}
