package org.csirtdesk.rt.control;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * What the replication knows within one transaction: whether the changes come from RT (the follower mirrors them;
 * they must not be replicated back), and which tickets were created in it (their creation carries their links, so
 * linking them is no extra update).
 */
@TransactionScoped
public class RtTransactionScope implements Serializable {

    private static final long serialVersionUID = 1L;

    private boolean mirroringRt;

    private final Set<Long> created = new HashSet<>();

    /** The changes of this transaction are RT's own, read back: not to be replicated into RT again. */
    public void mirroringRt() {
        mirroringRt = true;
    }

    public boolean isMirroringRt() {
        return mirroringRt;
    }

    public void created(long ticketId) {
        created.add(ticketId);
    }

    public boolean wasCreated(long ticketId) {
        return created.contains(ticketId);
    }
}
