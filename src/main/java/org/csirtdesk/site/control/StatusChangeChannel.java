package org.csirtdesk.site.control;

import org.csirtdesk.site.entity.StatusChange;
import org.csirtdesk.site.entity.StatusChannel;

/** One way of asking the registry for a certification status change (see {@link StatusChannel}). */
public interface StatusChangeChannel {

    StatusChannel kind();

    /**
     * Whether {@link #submit} only writes to this application's database, and so runs in the transaction that
     * records the request (a message in the outbox is written together with its cause). A channel that calls
     * out over the network runs after that transaction, so a slow portal holds no locks.
     */
    boolean joinsTransaction();

    /** Asks; a {@link RegistryRefusal} means the channel said no, a {@link RegistryUnavailable} try later. */
    void submit(StatusChange change);

    /** Takes back a request that was submitted and not yet carried out, where the channel can. */
    void withdraw(StatusChange change, String why);
}
