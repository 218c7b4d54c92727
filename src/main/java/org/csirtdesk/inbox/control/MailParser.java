package org.csirtdesk.inbox.control;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.csirtdesk.inbox.entity.QuotedHistory;
import org.csirtdesk.platform.entity.DomainException;

/**
 * Reads a raw RFC 822 mail with Jakarta Mail (the server's Angus Mail): the text from text/plain, or from
 * HTML when a mail has nothing else; quoted-printable, base64 and any charset Java knows (8-bit text that
 * declares none is read as UTF-8 if it is valid UTF-8, else as Windows-1252, what such mail nearly always is);
 * attachments decoded, each refused over the limit; and whether the mail was written by a machine.
 */
public final class MailParser {

    /** Our own header on every mail we send: a mail that carries it came back to us. */
    public static final String LOOP_HEADER = "X-CSIRT-Desk-Loop";
    /** Why a mail with our loop header is automatic. */
    public static final String OWN_MAIL_RETURNED = "our own mail came back (" + LOOP_HEADER + ")";

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail 2.1 looks its stream provider up for every header block and every decoded part, by a
        // ServiceLoader scan of each jar on the class path unless this system property names it: 15 % of the
        // gateway's CPU in its benchmark. It names the provider the server ships, if it is there.
        if (System.getProperty(STREAM_PROVIDER) == null && angusPresent()) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
    }

    private static final Session SESSION = Session.getInstance(lenient());

    private final long maxAttachmentBytes;

    public MailParser(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    private static boolean angusPresent() {
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, MailParser.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Properties lenient() {
        Properties properties = new Properties();
        // Real mail breaks the rules: encoded words inside words, raw UTF-8 headers, sloppy addresses.
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.parameters.strict", "false");
        return properties;
    }

    /** @throws DomainException (invalid, field {@code message}) when it is no mail or an attachment is too large */
    public ParsedMail parse(byte[] raw) {
        String envelopeSender = envelopeSender(raw);
        try {
            MimeMessage message = new MimeMessage(
                    SESSION,
                    new ByteArrayInputStream(raw, envelopeLineLength(raw), raw.length - envelopeLineLength(raw)));
            if (Stream.of("From", "Date", "Subject", "Message-ID").allMatch(name -> header(message, name) == null)) {
                throw DomainException.invalid(
                        "message", "the message has no mail headers (From, Date, Subject, Message-ID)");
            }
            List<String> answers = new ArrayList<>(ids(message.getHeader("In-Reply-To", " ")));
            List<String> references = ids(message.getHeader("References", " "));
            for (int i = references.size() - 1; i >= 0; i--) {
                if (!answers.contains(references.get(i))) {
                    answers.add(references.get(i));
                }
            }
            String from = from(message);
            Body body = new Body();
            body.read(message);
            String messageId = ids(message.getMessageID()).stream().findFirst().orElse(null);
            String text = body.text();
            return new ParsedMail(
                    messageId,
                    answers,
                    subject(message),
                    from,
                    automatic(message, from, envelopeSender),
                    text,
                    QuotedHistory.trimmed(text),
                    body.attachments);
        } catch (MessagingException | IOException e) {
            throw DomainException.invalid("message", "the message cannot be read as a mail: " + e.getMessage());
        }
    }

    private static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher id = MESSAGE_ID.matcher(header);
        while (id.find()) {
            ids.add(id.group());
        }
        return ids;
    }

    private static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject.replaceAll("[\\r\\n]+\\s*", " ").strip();
    }

    private static String from(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from != null
                    && from.length > 0
                    && from[0] instanceof InternetAddress address
                    && address.getAddress() != null) {
                return address.getAddress().strip().toLowerCase(Locale.ROOT);
            }
        } catch (MessagingException e) {
            // A From header no parser understands: the mail is still kept, from nobody known.
        }
        return null;
    }

    /**
     * Why a machine wrote the mail (RFC 3834's Auto-Submitted, Precedence, bounces, our own mail coming back),
     * or null when a person did. Such mail is recorded, never answered and never counted as a site's response.
     */
    private static String automatic(MimeMessage message, String from, String envelopeSender) throws MessagingException {
        if (message.getHeader(LOOP_HEADER) != null) {
            return OWN_MAIL_RETURNED;
        }
        String autoSubmitted = first(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.split(";")[0].strip().equalsIgnoreCase("no")) {
            return "Auto-Submitted: " + autoSubmitted;
        }
        for (String header : List.of("X-Autoreply", "X-Autorespond")) {
            if (message.getHeader(header) != null) {
                return header + " (an automatic reply)";
            }
        }
        String precedence = first(message, "Precedence");
        if (precedence != null
                && Arrays.asList("bulk", "junk", "list")
                        .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "Precedence: " + precedence.strip();
        }
        if (message.isMimeType("multipart/report")) {
            return "a delivery or read report (multipart/report)";
        }
        String returnPath = first(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>") || "".equals(envelopeSender)) {
            return "empty return path (a bounce)";
        }
        if (from != null && from.startsWith("mailer-daemon@") || "mailer-daemon".equalsIgnoreCase(envelopeSender)) {
            return "from MAILER-DAEMON (a bounce)";
        }
        return null;
    }

    private static String[] header(MimeMessage message, String name) {
        try {
            return message.getHeader(name);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String first(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0].strip();
    }

    /** The mbox "From sender date" line some local deliveries put before the headers, if there is one. */
    private static int envelopeLineLength(byte[] raw) {
        if (raw.length < 5 || !new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
            return 0;
        }
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    /** The envelope sender of that line ("" for the null sender {@code <>}), or null without one. */
    private static String envelopeSender(byte[] raw) {
        int length = envelopeLineLength(raw);
        if (length == 0) {
            return null;
        }
        String[] words = new String(raw, 5, length - 5, StandardCharsets.ISO_8859_1)
                .strip()
                .split("\\s+");
        return words.length == 0 || words[0].equals("<>") ? "" : words[0];
    }

    /** The text and attachments of a mail, gathered part by part. */
    private final class Body {
        private final List<String> texts = new ArrayList<>();
        private final List<MailAttachment> attachments = new ArrayList<>();

        String text() {
            return String.join("\n\n", texts).replace("\r\n", "\n").strip();
        }

        void read(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/alternative")) {
                readAlternative((Multipart) part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    read(multipart.getBodyPart(i));
                }
            } else if (isAttachment(part)) {
                attach(part);
            } else if (part.isMimeType("text/plain")) {
                texts.add(text(part));
            } else if (part.isMimeType("text/html")) {
                texts.add(HtmlText.of(text(part)));
            } else {
                attach(part);
            }
        }

        /** The plain-text version when there is one, else the richest the mail offers (usually HTML). */
        private void readAlternative(Multipart alternatives) throws MessagingException, IOException {
            BodyPart chosen = null;
            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart candidate = alternatives.getBodyPart(i);
                if (candidate.isMimeType("text/plain") && !text(candidate).isBlank()) {
                    chosen = candidate;
                    break;
                }
                chosen = candidate;
            }
            if (chosen != null) {
                read(chosen);
            }
        }

        private boolean isAttachment(Part part) throws MessagingException {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                    || part.getFileName() != null
                    || part.isMimeType("message/rfc822");
        }

        private void attach(Part part) throws MessagingException, IOException {
            String filename = filename(part);
            byte[] content;
            try (InputStream in = part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage nested
                    ? rawOf(nested)
                    : part.getInputStream()) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentBytes + 1));
            }
            if (content.length > maxAttachmentBytes) {
                throw DomainException.invalid(
                        "message",
                        "the attachment " + (filename == null ? "without a name" : "'" + filename + "'")
                                + " is larger than the limit of " + maxAttachmentBytes + " bytes");
            }
            attachments.add(new MailAttachment(filename, baseType(part), content));
        }

        private InputStream rawOf(MimeMessage nested) throws MessagingException, IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            nested.writeTo(bytes);
            return new ByteArrayInputStream(bytes.toByteArray());
        }

        private String filename(Part part) throws MessagingException {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            try {
                return MimeUtility.decodeText(name).strip();
            } catch (UnsupportedEncodingException e) {
                return name.strip();
            }
        }

        private String baseType(Part part) throws MessagingException {
            try {
                return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            } catch (MessagingException | NullPointerException e) {
                return "application/octet-stream";
            }
        }

        private String text(Part part) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            return decode(bytes, charsetOf(part));
        }

        private String charsetOf(Part part) {
            try {
                return new ContentType(part.getContentType()).getParameter("charset");
            } catch (MessagingException | NullPointerException e) {
                return null;
            }
        }
    }

    /** Text in its declared charset; without a usable one, UTF-8 if the bytes are valid UTF-8, else Windows-1252. */
    static String decode(byte[] bytes, String declared) {
        if (declared != null) {
            try {
                return new String(bytes, Charset.forName(MimeUtility.javaCharset(declared.strip())));
            } catch (IllegalArgumentException e) {
                // An unknown or misspelt charset: guessed below.
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }
}
