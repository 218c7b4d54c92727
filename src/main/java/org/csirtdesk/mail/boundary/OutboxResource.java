package org.csirtdesk.mail.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.csirtdesk.mail.control.Bounces;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.MailBounce;
import org.csirtdesk.mail.entity.MailHeaders;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.Unreachable;
import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.TicketTags;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The outbox, readable: every message the application has queued, newest first. */
@RequestScoped
@Path("outbox")
@Tag(name = "Mail")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    public record MessageView(
            long id,
            String messageId,
            String cause,
            String kind,
            Long ticket,
            String tlp,
            List<String> to,
            List<String> cc,
            String subject,
            String body,
            String state,
            Instant createdAt,
            int attempts,
            Instant nextAttemptAt,
            String error,
            Instant sentAt,
            List<BounceView> bounces) {
        /**
         * @param subject the subject as it is sent ({@link MailHeaders#subjectAsSent}), not the row's bare one
         * @param bounces the bounces that came back for it, oldest first
         */
        static MessageView of(OutboxMessage message, String subject, List<MailBounce> bounces) {
            return new MessageView(
                    message.id(),
                    message.messageId(),
                    message.key(),
                    message.kind(),
                    message.ticketId(),
                    message.tlp().name(),
                    message.to(),
                    message.cc(),
                    subject,
                    message.body(),
                    message.state().name().toLowerCase(Locale.ROOT),
                    message.createdAt(),
                    message.attempts(),
                    message.nextAttemptAt(),
                    message.lastError(),
                    message.sentAt(),
                    bounces.stream().map(BounceView::of).toList());
        }
    }

    /** A recipient a bounce reported as failed ({@code recipient} null: the bounce did not say which), and why. */
    public record BounceView(String recipient, String reason, Instant at, long mail) {
        static BounceView of(MailBounce bounce) {
            return new BounceView(bounce.recipient(), bounce.reason(), bounce.at(), bounce.incomingMailId());
        }
    }

    /** How many messages wait, are retried, went out, or failed for good. */
    public record StatesView(long queued, long retrying, long sent, long failed, long bounced) {}

    @Inject
    Outbox outbox;

    @Inject
    TicketTags tags;

    @Inject
    Bounces bounces;

    @GET
    @RolesAllowed({"csirt", "coordinator", "admin"})
    @Path("states")
    @Operation(
            summary = "Count the messages in each state",
            description = "queued (not tried yet), retrying (a "
                    + "passing failure, tried again after a backoff), sent, failed (refused for good, or attempts used up), "
                    + "bounced (sent, and a bounce came back for a recipient).")
    public StatesView states() {
        Map<OutboxMessage.State, Long> counts = outbox.countByState();
        return new StatesView(
                counts.get(OutboxMessage.State.QUEUED),
                counts.get(OutboxMessage.State.RETRYING),
                counts.get(OutboxMessage.State.SENT),
                counts.get(OutboxMessage.State.FAILED),
                counts.get(OutboxMessage.State.BOUNCED));
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "admin"})
    @Operation(
            summary = "List the outbox's messages, newest first",
            description =
                    "Filter by ticket or kind (the "
                            + "letter's name). Each says how sending went: state, attempts, the next attempt, the last error, when it was sent.")
    public List<MessageView> list(
            @QueryParam("ticket") String ticket,
            @QueryParam("kind") String kind,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Input input = new Input();
        Long wantedTicket = input.number("ticket", ticket);
        String wantedKind = input.text("kind", kind, 100, false);
        Input.Paging paging = input.paging(page, size, 50);
        input.check();
        List<OutboxMessage> messages = outbox.list(wantedTicket, wantedKind, paging.offset(), paging.size());
        Map<Long, List<MailBounce>> bounced =
                bounces.of(messages.stream().map(OutboxMessage::id).toList());
        return messages.stream()
                .map(message -> MessageView.of(
                        message,
                        MailHeaders.subjectAsSent(message, tags.prefix()),
                        bounced.getOrDefault(message.id(), List.of())))
                .toList();
    }

    @GET
    @RolesAllowed({"csirt", "coordinator", "admin"})
    @Path("unreachable")
    @Operation(
            summary = "Which of these addresses are not reachable",
            description = "An address is not reachable while the latest letter sent to it bounced for it: each such "
                    + "address with the time of the bounce, its reason and the letter (an outbox message's id). "
                    + "Addresses not listed are reachable as far as the application knows.")
    public List<Unreachable> unreachable(@QueryParam("address") List<String> addresses) {
        Input input = new Input();
        List<String> wanted = input.emails("address", addresses, 200);
        input.check();
        return bounces.unreachable(wanted);
    }
}
