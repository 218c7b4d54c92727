package org.csirtdesk.schedule.entity;

/**
 * Who a step belongs to: a kind the owning feature names (such as {@code campaign-case} or {@code incident-deadline})
 * and the id of its row. The schedule stores and announces steps by owner without knowing what the kinds mean.
 */
public record StepOwner(String kind, long id) {

    public StepOwner {
        if (kind == null || kind.isBlank() || kind.length() > 32) {
            throw new IllegalArgumentException(
                    "a step owner's kind is a name of 1 to 32 characters, not '" + kind + "'");
        }
    }

    @Override
    public String toString() {
        return kind + " #" + id;
    }
}
