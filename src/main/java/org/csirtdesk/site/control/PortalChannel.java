package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.csirtdesk.site.entity.StatusChange;
import org.csirtdesk.site.entity.StatusChannel;

/** Submits GOCDB portal's certification-status form with the configured credential. */
@ApplicationScoped
public class PortalChannel implements StatusChangeChannel {

    @Inject
    GocdbClient gocdb;

    @Override
    public StatusChannel kind() {
        return StatusChannel.PORTAL;
    }

    @Override
    public boolean joinsTransaction() {
        return false;
    }

    @Override
    public void submit(StatusChange change) {
        String gocdbId = change.site().gocdbId();
        if (gocdbId == null) {
            throw new RegistryRefusal(
                    "GOCDB gave no id for site " + change.site().name() + "; its portal form cannot be addressed");
        }
        gocdb.submitCertificationStatus(gocdbId, change.targetStatus(), change.reason());
    }

    /** A form once executed cannot be taken back; the withdrawal stays on record only. */
    @Override
    public void withdraw(StatusChange change, String why) {}
}
