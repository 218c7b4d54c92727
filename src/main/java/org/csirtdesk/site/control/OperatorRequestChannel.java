package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.site.entity.StatusChange;
import org.csirtdesk.site.entity.StatusChannel;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * Asks the operators on duty (who hold a GOCDB role that may change a status) by a message in the outbox,
 * then waits for GOCDB to show the change.
 */
@ApplicationScoped
public class OperatorRequestChannel implements StatusChangeChannel {

    @Inject
    Outbox outbox;

    @Inject
    Letters letters;

    @Inject
    SiteSettings settings;

    @Inject
    TicketTags tags;

    @Override
    public StatusChannel kind() {
        return StatusChannel.OPERATOR_REQUEST;
    }

    @Override
    public boolean joinsTransaction() {
        return true;
    }

    @Override
    public void submit(StatusChange change) {
        send(change, "request", "status-change-request", Map.of("reason", change.reason()));
    }

    @Override
    public void withdraw(StatusChange change, String why) {
        send(change, "withdrawn", "status-change-withdrawn", Map.of("reason", why));
    }

    private void send(StatusChange change, String step, String template, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("site", change.site().name());
        model.put("ngi", change.site().ngi());
        model.put("current", change.fromStatus().label());
        model.put("target", change.targetStatus().label());
        model.put("requestedBy", change.requestedBy());
        model.put("requestedAt", change.requestedAt().toString());
        model.put("tagPrefix", tags.prefix());
        change.ticketId().ifPresent(ticket -> model.put("ticket", ticket));
        if (change.site().portalUrl() != null) {
            model.put("portalUrl", change.site().portalUrl());
        }
        Letter letter = letters.render(template, model);
        outbox.enqueue(new OutgoingMessage(
                "status-change-" + change.id() + "/" + step,
                template,
                change.ticketId().orElse(null),
                Tlp.AMBER,
                List.of(settings.operatorsAddress()),
                List.of(),
                letter.subject(),
                letter.body()));
    }
}
