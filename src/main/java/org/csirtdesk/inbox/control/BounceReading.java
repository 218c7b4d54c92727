package org.csirtdesk.inbox.control;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.inbox.entity.Bounce;
import org.csirtdesk.inbox.entity.Bounce.FailedDelivery;

/**
 * Reads a bounce: a delivery status notification (RFC 3464, {@code multipart/report; report-type=delivery-status},
 * what Postfix, Exim, Exchange and Sendmail send) or a plain one (qmail, old Exim and Exchange, mail robots: a text
 * and the returned mail, or its headers, inline). Every MTA returns at least the headers of the mail, so the mail it
 * reports on is found by its Message-ID, which is ours: no return path per message (VERP) is needed, and none of the
 * MTA's or the gateway's configuration.
 */
final class BounceReading {

    /** A Message-ID header line anywhere in the bounce (a returned mail, its headers, an inline copy, quoted). */
    private static final Pattern RETURNED_MESSAGE_ID =
            Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*(?:\\r?\\n[ \\t]+)?(<[^<>\\s]+>)");

    /** Where a plain bounce's own words end and the returned mail begins. */
    private static final Pattern RETURNED_MAIL_STARTS = Pattern.compile(
            "(?im)^.*(copy of (the|your) (original )?message|original message (headers|follows)|returned message"
                    + "|message headers follow|below this line|-{3,}\\s*original message|undelivered message"
                    + "|^(Received|Return-Path|Message-ID|DKIM-Signature|X-CSIRT-Desk-Loop)\\s*:).*$");

    /** The subjects MTAs give their bounces, in the languages of the federation's sites. */
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?iu).*(undeliver|returned mail|mail delivery fail|delivery status notification \\((failure|delay)"
                    + "|delivery failure|failure notice|non[- ]?deliver|mail system error|unzustellbar"
                    + "|non remis|non recapitabile|no se puede entregar|niedoręczon|nedoručiteln).*");

    private static final int MOST_EXPLANATION_CHARS = 4000;

    private BounceReading() {}

    /**
     * The bounce this mail is, if it is one: a delivery status report with a failed recipient, or a mail that looks
     * like a bounce (from the mail system, an empty return path, a bounce's subject) and returns a mail of ours; a
     * report of delays or successful deliveries only is none.
     *
     * @param statusReports the bytes of its {@code message/delivery-status} parts
     * @param text          its decoded text, from which a plain bounce's explanation is taken
     */
    static Optional<Bounce> read(
            byte[] raw,
            List<byte[]> statusReports,
            String ownMessageId,
            String subject,
            String from,
            String envelopeSender,
            String text) {
        if (!statusReports.isEmpty()) {
            List<FailedDelivery> failures = new ArrayList<>();
            statusReports.forEach(report -> failures.addAll(failures(report)));
            return failures.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Bounce(returnedMessageIds(raw, text, ownMessageId), failures, explanation(text)));
        }
        boolean fromMailSystem = from != null && from.matches("(?i)(mailer-daemon|postmaster|mail-daemon)@.*")
                || "".equals(envelopeSender)
                || "mailer-daemon".equalsIgnoreCase(envelopeSender);
        // A person forwarding or answering a bounce ("Fwd: Undeliverable: ...") wrote a mail, not a bounce.
        boolean bounceSubject = BOUNCE_SUBJECT.matcher(subject).matches()
                && !subject.matches("(?iu)^\\s*(re|fwd?|aw|wg|tr|sv|vs|odp|r)\\s*:.*");
        // Only then is the mail searched for what it returns: a person's mail costs no scan of its bytes.
        if (!(fromMailSystem || bounceSubject)) {
            return Optional.empty();
        }
        List<String> returned = returnedMessageIds(raw, text, ownMessageId);
        if (returned.isEmpty()) {
            return Optional.empty();
        }
        String explanation = explanation(text);
        return Optional.of(new Bounce(returned, List.of(), explanation));
    }

    private static List<String> returnedMessageIds(byte[] raw, String text, String ownMessageId) {
        Set<String> ids = new LinkedHashSet<>();
        for (String searched : List.of(new String(raw, StandardCharsets.ISO_8859_1), text)) {
            Matcher id = RETURNED_MESSAGE_ID.matcher(searched);
            while (id.find()) {
                ids.add(id.group(1));
            }
        }
        // The bounce's own Message-ID header is the first such line; it reports on other mail.
        if (ownMessageId != null) {
            ids.remove(ownMessageId);
        }
        return List.copyOf(ids);
    }

    private static String explanation(String text) {
        Matcher returnedMail = RETURNED_MAIL_STARTS.matcher(text);
        String own = returnedMail.find() ? text.substring(0, returnedMail.start()) : text;
        own = own.strip();
        return own.length() > MOST_EXPLANATION_CHARS ? own.substring(0, MOST_EXPLANATION_CHARS) : own;
    }

    /**
     * The recipients of a {@code message/delivery-status} body whose {@code Action} is {@code failed}: a block of
     * fields about the message, then one block per recipient (RFC 3464, section 2.1), each read as headers.
     */
    private static List<FailedDelivery> failures(byte[] report) {
        List<FailedDelivery> failures = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(report)) {
            // The first block is about the message; the others about one recipient each.
            new InternetHeaders(in);
            while (in.available() > 0) {
                InternetHeaders recipient = new InternetHeaders(in);
                String action = first(recipient, "Action");
                String address = address(first(recipient, "Final-Recipient"));
                if (address == null) {
                    address = address(first(recipient, "Original-Recipient"));
                }
                if (address != null && action != null && action.strip().equalsIgnoreCase("failed")) {
                    String status = first(recipient, "Status");
                    String diagnostic = first(recipient, "Diagnostic-Code");
                    failures.add(new FailedDelivery(
                            address,
                            status == null ? "5.0.0" : status.strip(),
                            diagnostic == null ? null : diagnostic(diagnostic)));
                }
            }
        } catch (MessagingException | java.io.IOException e) {
            // A report cut short: what was read stands.
        }
        return failures;
    }

    private static String first(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null ? null : value.replaceAll("\\s+", " ").strip();
    }

    /** {@code rfc822; someone@site.example} as the address, lower case. */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        value = value.strip().replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
        return value.contains("@") ? value : null;
    }

    /** {@code smtp; 550 5.1.1 <x@y>: Recipient address rejected} as the server's words. */
    private static String diagnostic(String field) {
        String words =
                field.contains(";") ? field.substring(field.indexOf(';') + 1).strip() : field;
        return words.length() > 500 ? words.substring(0, 500) + "…" : words;
    }
}
