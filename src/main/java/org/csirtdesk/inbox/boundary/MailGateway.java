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
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.inbox.control.InboxSettings;
import org.csirtdesk.inbox.control.MailIntake;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.MailAction;
import org.csirtdesk.inbox.entity.MailDelivery;
import org.csirtdesk.inbox.entity.Receipt;
import org.csirtdesk.platform.entity.DomainException;

/**
 * The request RT's {@code rt-mailgate} makes, so that an MTA set up for RT feeds this application unchanged:
 * a multipart form with {@code queue}, {@code action}, an optional {@code ticket} and the raw mail as
 * {@code message}. rt-mailgate reads the answer's first word: {@code ok} and {@code not ok - <reason>} end the
 * delivery (with HTTP 200); anything else, or any other HTTP status, is a temporary failure and the MTA tries
 * again later. So a refusal that a fixed configuration or a retry cures (an address or secret not allowed, the
 * database away) is answered as temporary, and only a mail that can never be taken is {@code not ok}.
 *
 * <p>A servlet, outside the JAX-RS application at /api, at the path rt-mailgate appends to its --url. The
 * secret, when one is configured, is the password of HTTP Basic, which rt-mailgate sends when its URL carries
 * it: {@code --url http://mailgate:SECRET@127.0.0.1:8080/}.
 */
@WebServlet(urlPatterns = "/REST/1.0/NoAuth/mail-gateway")
@MultipartConfig(fileSizeThreshold = 1 << 20)
public class MailGateway extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MailGateway.class.getName());
    private static final Set<DomainException.Kind> PERMANENT =
            Set.of(DomainException.Kind.INVALID_INPUT, DomainException.Kind.NOT_FOUND, DomainException.Kind.TOO_LARGE);

    @Inject
    InboxSettings settings;

    @Inject
    MailIntake intake;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!settings.allows(request.getRemoteAddr())) {
            answer(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "temporary failure - " + request.getRemoteAddr()
                            + " may not use the mail gateway (csirt.mail.gateway.allowed-addresses)");
            return;
        }
        if (settings.needsSecret() && !hasSecret(request)) {
            answer(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "temporary failure - the mail gateway's secret is missing "
                            + "or wrong (give it in rt-mailgate's --url as http://mailgate:SECRET@host/)");
            return;
        }
        answer(response, HttpServletResponse.SC_OK, deliver(request));
    }

    private String deliver(HttpServletRequest request) throws IOException, ServletException {
        try {
            Part message = request.getPart("message");
            if (message == null) {
                return "not ok - the form has no message";
            }
            if (message.getSize() > settings.maxMessageBytes()) {
                return "not ok - the mail is " + message.getSize() + " bytes, larger than the limit of "
                        + settings.maxMessageBytes() + " bytes; nothing was stored";
            }
            MailAction action = MailAction.parse(request.getParameter("action")).orElse(null);
            if (action == null) {
                return "not ok - unknown action '" + request.getParameter("action") + "': correspond or comment";
            }
            Long ticket = ticket(request.getParameter("ticket"));
            byte[] raw;
            try (InputStream in = message.getInputStream()) {
                raw = in.readAllBytes();
            }
            Receipt receipt = intake.receive(
                    new MailDelivery(IncomingMail.Channel.GATEWAY, action, request.getParameter("queue"), ticket, raw));
            return "ok - " + receipt.summary();
        } catch (DomainException e) {
            return (PERMANENT.contains(e.kind()) ? "not ok - " : "temporary failure - ") + e.getMessage();
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Mail gateway failure " + reference + "; the MTA will try again", e);
            return "temporary failure - the mail could not be taken now (reference " + reference + ")";
        }
    }

    private static Long ticket(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("ticket", "'" + text + "' is no ticket number");
        }
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
