package org.csirtdesk.inbox.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.inbox.control.InboxMetrics;
import org.csirtdesk.inbox.control.InboxSettings;
import org.csirtdesk.inbox.control.MailIntake;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.MailAction;
import org.csirtdesk.inbox.entity.MailDelivery;
import org.csirtdesk.inbox.entity.MailRefused;
import org.csirtdesk.inbox.entity.Receipt;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.boundary.ClientAddresses;

/**
 * The request RT's {@code rt-mailgate} makes, so that an MTA set up for RT feeds this application unchanged:
 * a multipart form with {@code queue}, {@code action}, an optional {@code ticket} and the raw mail as
 * {@code message}. rt-mailgate reads the answer's first word: {@code ok} and {@code not ok - <reason>} end the
 * delivery (with HTTP 200); anything else, or any other HTTP status, is a temporary failure and the MTA tries
 * again later. So a refusal that a fixed configuration or a retry cures (an address or secret not allowed, an
 * unknown action or queue, the database away) is answered as temporary, and only what is refused on purpose (a
 * mail over the size limits, no mail, no form) is {@code not ok}: logged with its Message-ID and counted on
 * /metrics. A mail that is broken in any other way is taken and kept.
 *
 * <p>A servlet, outside the JAX-RS application at /api, at the path rt-mailgate appends to its --url. The
 * secret, when one is configured, is the password of HTTP Basic, which rt-mailgate sends when its URL carries
 * it: {@code --url http://mailgate:SECRET@127.0.0.1:8080/}.
 */
@WebServlet(urlPatterns = "/REST/1.0/NoAuth/mail-gateway")
@MultipartConfig(fileSizeThreshold = 1 << 20)
public class MailGateway extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MailGateway.class.getName());

    @Inject
    InboxSettings settings;

    /** Behind a trusted reverse proxy, the allowed addresses are the mail servers', not the proxy's. */
    @Inject
    ClientAddresses clients;

    @Inject
    MailIntake intake;

    @Inject
    InboxMetrics metrics;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String client = clients.of(request);
        if (!settings.allows(client)) {
            metrics.failedForNow(IncomingMail.Channel.GATEWAY);
            answer(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "temporary failure - " + client
                            + " may not use the mail gateway (csirt.mail.gateway.allowed-addresses)");
            return;
        }
        if (settings.needsSecret() && !hasSecret(request)) {
            metrics.failedForNow(IncomingMail.Channel.GATEWAY);
            answer(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "temporary failure - the mail gateway's secret is missing "
                            + "or wrong (give it in rt-mailgate's --url as http://mailgate:SECRET@host/)");
            return;
        }
        answer(response, HttpServletResponse.SC_OK, deliver(request));
    }

    private String deliver(HttpServletRequest request) throws IOException {
        byte[] raw = null;
        try {
            Part message = message(request);
            if (message.getSize() > settings.maxMessageBytes()) {
                // Refused before it is read: its Message-ID for the log from its first bytes only.
                try (InputStream in = message.getInputStream()) {
                    raw = in.readNBytes(64 << 10);
                }
                throw new MailRefused(
                        MailRefused.Reason.MESSAGE_TOO_LARGE,
                        "the mail is " + message.getSize() + " bytes, larger than the limit of "
                                + settings.maxMessageBytes() + " bytes; nothing was stored");
            }
            try (InputStream in = message.getInputStream()) {
                raw = in.readAllBytes();
            }
            MailAction action = MailAction.parse(request.getParameter("action")).orElse(null);
            if (action == null) {
                // The MTA's alias is wrong: the mail waits in its queue until it is fixed.
                metrics.failedForNow(IncomingMail.Channel.GATEWAY);
                return "temporary failure - unknown action '" + request.getParameter("action")
                        + "': correspond or comment (fix rt-mailgate's --action; the mail waits with the MTA)";
            }
            Receipt receipt = intake.receive(new MailDelivery(
                    IncomingMail.Channel.GATEWAY,
                    action,
                    request.getParameter("queue"),
                    ticket(request.getParameter("ticket")),
                    raw));
            metrics.received(IncomingMail.Channel.GATEWAY, receipt);
            return "ok - " + receipt.summary();
        } catch (MailRefused e) {
            metrics.refused(IncomingMail.Channel.GATEWAY, e, raw);
            return "not ok - " + e.getMessage();
        } catch (DomainException e) {
            metrics.failedForNow(IncomingMail.Channel.GATEWAY);
            LOG.warning("mail gateway: the mail waits with the MTA: " + e.getMessage());
            return "temporary failure - " + e.getMessage();
        } catch (RuntimeException e) {
            metrics.failedForNow(IncomingMail.Channel.GATEWAY);
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Mail gateway failure " + reference + "; the MTA will try again", e);
            return "temporary failure - the mail could not be taken now (reference " + reference + ")";
        }
    }

    /** The form's mail; a request that is no multipart form, or has no mail, is refused for good. */
    private static Part message(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new MailRefused(
                    MailRefused.Reason.NOT_A_FORM,
                    "the request is " + (type == null ? "without a content type" : type.split(";")[0].strip())
                            + ", not multipart/form-data with the mail as 'message' (as rt-mailgate sends it)");
        }
        Part message;
        try {
            message = request.getPart("message");
        } catch (ServletException | IllegalStateException e) {
            throw new MailRefused(
                    MailRefused.Reason.NOT_A_FORM, "the multipart form cannot be read: " + e.getMessage());
        }
        if (message == null) {
            throw new MailRefused(MailRefused.Reason.NO_MAIL, "the form has no message");
        }
        return message;
    }

    /** The ticket an address extension names; anything but a number names none (the mail is threaded as usual). */
    private static Long ticket(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,18}")) {
            if (text != null && !text.isBlank()) {
                LOG.info("mail gateway: the ticket '" + text + "' is no ticket number; threading the mail as usual");
            }
            return null;
        }
        return Long.valueOf(text.strip());
    }

    private boolean hasSecret(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(
                            Base64.getDecoder().decode(header.substring(6).strip())))
                    .toString();
            int colon = decoded.indexOf(':');
            return colon >= 0 && settings.isSecret(decoded.substring(colon + 1));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return false;
        }
    }

    private static void answer(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(text.replaceAll("[\\r\\n]+", " ") + "\n");
    }
}
