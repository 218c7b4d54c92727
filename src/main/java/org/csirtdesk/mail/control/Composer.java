package org.csirtdesk.mail.control;

import jakarta.activation.DataHandler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.mail.entity.MailHeaders;
import org.csirtdesk.mail.entity.OutboxMessage;
import org.csirtdesk.mail.entity.OutgoingAttachment;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns an outbox row into the mail that goes out: From, To, Cc, the headers of {@link MailHeaders}, the row's own
 * Message-ID (never a new one: a resend after a crash is the same mail), plain text, and, when a key is configured,
 * an OpenPGP/MIME signature.
 */
@ApplicationScoped
public class Composer {

    @Inject
    @ConfigProperty(name = "csirt.mail.from")
    Optional<String> from;

    @Inject
    CsirtAddresses addresses;

    @Inject
    @ConfigProperty(name = "csirt.mail.signing.key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "csirt.mail.signing.passphrase")
    Optional<String> passphrase;

    private InternetAddress sender;
    private Signing signing;

    @PostConstruct
    void configure() {
        String address = from.orElseGet(() -> addresses.csirt());
        try {
            sender = new InternetAddress(address, true);
            if (sender.getPersonal() != null) {
                // A display name such as "Équipe CSIRT" goes out RFC 2047-encoded in UTF-8, whatever the JVM's
                // default charset (Jakarta Mail would otherwise encode it in that one, "?" for what it cannot hold).
                sender.setPersonal(sender.getPersonal(), StandardCharsets.UTF_8.name());
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException(
                    "csirt.mail.from '" + address + "' is not an address: " + e.getMessage(), e);
        }
        signing = keyFile.map(file ->
                        Signing.withKey(Path.of(file), passphrase.orElse("").toCharArray()))
                .orElse(null);
    }

    /** The mail of a row; an address that is not one fails here, permanently. */
    public MimeMessage compose(Session session, OutboxMessage message, MailHeaders headers, Instant at)
            throws MessagingException {
        return compose(session, message, headers, at, List.of());
    }

    /** The mail of a row with its files: the text first, then each file as it came (multipart/mixed). */
    public MimeMessage compose(
            Session session,
            OutboxMessage message,
            MailHeaders headers,
            Instant at,
            List<OutgoingAttachment> attachments)
            throws MessagingException {
        MimeMessage mail = new StoredIdMessage(session, headers.messageId());
        mail.setFrom(sender);
        mail.setRecipients(Message.RecipientType.TO, addresses(message.to()));
        if (!message.cc().isEmpty()) {
            mail.setRecipients(Message.RecipientType.CC, addresses(message.cc()));
        }
        mail.setSubject(headers.subject(), StandardCharsets.UTF_8.name());
        mail.setSentDate(Date.from(at));
        if (headers.inReplyTo().isPresent()) {
            mail.setHeader("In-Reply-To", headers.inReplyTo().get());
        }
        if (!headers.references().isEmpty()) {
            mail.setHeader("References", String.join(" ", headers.references()));
        }
        if (headers.automatic()) {
            mail.setHeader("Auto-Submitted", "auto-generated");
        }
        mail.setHeader(MailHeaders.LOOP, headers.loop());
        if (!attachments.isEmpty()) {
            MimeMultipart mixed = withAttachments(message.body(), attachments);
            mail.setContent(signing == null ? mixed : signing.sign(mixed));
        } else if (signing == null) {
            mail.setText(message.body(), StandardCharsets.UTF_8.name());
        } else {
            mail.setContent(signing.sign(message.body()));
        }
        mail.saveChanges();
        return mail;
    }

    /** The text, then the files, each base64-encoded (7-bit safe, as a signed part must be), with its own name. */
    private static MimeMultipart withAttachments(String text, List<OutgoingAttachment> attachments)
            throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, StandardCharsets.UTF_8.name());
        textPart.setHeader("Content-Transfer-Encoding", "quoted-printable");
        mixed.addBodyPart(textPart);
        for (OutgoingAttachment attachment : attachments) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(
                    new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
            if (attachment.filename() != null) {
                file.setFileName(attachment.filename());
            }
            file.setDisposition(Part.ATTACHMENT);
            file.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(file);
        }
        return mixed;
    }

    private static InternetAddress[] addresses(List<String> emails) throws MessagingException {
        InternetAddress[] addresses = new InternetAddress[emails.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = new InternetAddress(emails.get(i), true);
        }
        return addresses;
    }

    /** Jakarta Mail makes up a Message-ID when a message is saved; ours is the row's, derived from its cause. */
    private static final class StoredIdMessage extends MimeMessage {

        private final String messageId;

        StoredIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
