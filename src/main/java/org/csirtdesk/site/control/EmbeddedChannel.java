package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.csirtdesk.site.entity.StatusChange;
import org.csirtdesk.site.entity.StatusChannel;

/** The zero-setup run: the embedded registry changes the status at once. */
@ApplicationScoped
public class EmbeddedChannel implements StatusChangeChannel {

    @Inject
    EmbeddedRegistry registry;

    @Override
    public StatusChannel kind() {
        return StatusChannel.EMBEDDED;
    }

    @Override
    public boolean joinsTransaction() {
        return true;
    }

    @Override
    public void submit(StatusChange change) {
        registry.change(change.site().name(), change.targetStatus(), change.reason(), change.requestedBy());
    }

    /** Nothing to take back: an embedded change is made at once, so an open one was never submitted. */
    @Override
    public void withdraw(StatusChange change, String why) {}
}
