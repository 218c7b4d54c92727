package org.csirtdesk.rt.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.csirtdesk.rt.control.RtStartCheck;
import org.csirtdesk.rt.control.RtStoreState;
import org.csirtdesk.ticket.control.TicketStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * The ticket store on {@code /health}. RT down or lacking what the application needs is a degraded state, not an
 * outage: the procedures go on, their tickets and letters wait in the replication until RT is back, so the check
 * stays UP and says what is wrong ({@code warning}). It reads this instance's memory only, never the database or RT.
 */
@Liveness
@ApplicationScoped
public class RtHealth implements HealthCheck {

    @Inject
    TicketStore store;

    @Inject
    RtStoreState state;

    @Inject
    RtStartCheck startCheck;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ticket-store")
                .up()
                .withData("store", store.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (!store.inRt()) {
            return response.build();
        }
        RtStoreState.Reachability reachability = state.reachability();
        RtStartCheck.Outcome checked = startCheck.outcome();
        store.rtUrl().ifPresent(url -> response.withData("rt", url));
        if (checked.version() != null) {
            response.withData("rtVersion", checked.version());
        }
        if (reachability.lastAnswerAt() != null) {
            response.withData("lastAnswer", reachability.lastAnswerAt().toString());
        }
        if (reachability.lastError() != null) {
            response.withData("lastError", reachability.lastError());
        }
        if (!reachability.answering()) {
            response.withData("warning", "RT does not answer; tickets, changes and letters wait to be replicated");
        } else if (!checked.missing().isEmpty()) {
            response.withData("warning", String.join("; ", checked.missing()));
        }
        return response.build();
    }
}
