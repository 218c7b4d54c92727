package org.csirtdesk.inbox.control;

import jakarta.activation.DataSource;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csirtdesk.inbox.entity.Bounce;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.inbox.entity.MailRefused;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.csirtdesk.inbox.entity.QuotedHistory;

/**
 * Reads a raw RFC 822 mail with Jakarta Mail (the server's Angus Mail), leniently, and never refuses one for its
 * form: the text from text/plain, or from HTML when a mail has nothing else; quoted-printable, base64 and any
 * charset Java knows (8-bit text, subjects and file names that declare none are read as UTF-8 if they are valid
 * UTF-8, else in the charset the mail's text declares, else as Windows-1252, what such mail nearly always is);
 * misspelt transfer encodings ({@code 8bits}, {@code 7-bit}, {@code plain}) read as what they mean, unquoted
 * boundaries and file names, a missing first boundary; attachments decoded, each refused over the limit; and
 * whether the mail was written by a machine. What still cannot be read is said in {@link ParsedMail#unreadable()}:
 * the mail is kept whole for a person to read.
 */
public final class MailParser {

    /** Our own header on every mail we send: a mail that carries it came back to us. */
    public static final String LOOP_HEADER = "X-CSIRT-Desk-Loop";
    /** Why a mail with our loop header is automatic. */
    public static final String OWN_MAIL_RETURNED = "our own mail came back (" + LOOP_HEADER + ")";

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";
    /** The most of a mail no parser could split into parts that is shown as its text; the raw mail keeps it all. */
    private static final int MAX_FALLBACK_CHARS = 100_000;

    private static final Pattern BOUNDARY =
            Pattern.compile("(?i)(?:^|[;\\s])boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern CHARSET =
            Pattern.compile("(?i)(?:^|[;\\s])charset\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
    /** A file name as the strict grammar does not have it: unquoted, with spaces or 8-bit bytes. */
    private static final Pattern UNQUOTED_NAME = Pattern.compile("(?i)(?:^|;)\\s*(?:file)?name\\s*=\\s*([^\";][^;]*)");
    /** The start of an RFC 2047 encoded word: its charset (a language after '*' left out) and its encoding. */
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?*]+)(?:\\*[^?]*)?\\?([bBqQ])\\?");
    /** A header line at the start of a text: a part whose boundary line went missing. */
    private static final Pattern PART_HEADERS = Pattern.compile("(?is)^\\s*content-[a-z-]+\\s*:.*");

    /** Subjects of automatic replies that carry no header saying so (Exchange, Lotus Notes, mail programs' rules). */
    private static final Pattern AUTOMATIC_SUBJECT = Pattern.compile(
            "(?iu)^\\s*(automatic reply|auto[- ]?reply|auto[- ]?response|autoresponse|auto|out of (the )?office"
                    + "|abwesenheitsnotiz|automatische antwort|réponse automatique|r[ée]ponse automatique"
                    + "|respuesta automática|risposta automatica|automatisch antwoord|odpowiedź automatyczna"
                    + "|automatická odpověď|samodejni odgovor|automatski odgovor|autosvar|automaattinen vastaus)"
                    + "\\s*:.*"
                    + "|.*\\bout of (the )?office\\b.*");

    /**
     * Jakarta Mail's lenient reading: system properties that its classes read (most once, when first loaded),
     * so they are set here unless the operator set them. Each loosens reading only; mail out is unchanged. What
     * they cannot cure (the classes loaded before, a part they still fail on) the code below reads itself.
     */
    private static final Map<String, String> LENIENT_READING = Map.ofEntries(
            Map.entry("mail.mime.parameters.strict", "false"),
            Map.entry("mail.mime.decodetext.strict", "false"),
            Map.entry("mail.mime.decodefilename", "true"),
            Map.entry("mail.mime.decodeparameters", "true"),
            Map.entry("mail.mime.ignoreunknownencoding", "true"),
            Map.entry("mail.mime.base64.ignoreerrors", "true"),
            Map.entry("mail.mime.uudecode.ignoreerrors", "true"),
            Map.entry("mail.mime.uudecode.ignoremissingbeginend", "true"),
            Map.entry("mail.mime.multipart.ignoremissingboundaryparameter", "true"),
            Map.entry("mail.mime.multipart.ignoremissingendboundary", "true"),
            Map.entry("mail.mime.multipart.allowempty", "true"),
            Map.entry("mail.mime.contentdisposition.strict", "false"));

    static {
        // Jakarta Mail 2.1 looks its stream provider up for every header block and every decoded part, by a
        // ServiceLoader scan of each jar on the class path unless this system property names it: 15 % of the
        // gateway's CPU in its benchmark. It names the provider the server ships, if it is there.
        if (System.getProperty(STREAM_PROVIDER) == null && angusPresent()) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
        LENIENT_READING.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    private static final Session SESSION = Session.getInstance(sessionProperties());

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

    private static Properties sessionProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        // Headers are read byte for byte (ISO-8859-1) and their 8-bit bytes decoded here, as the body's are: read
        // as UTF-8 by Jakarta Mail, a Latin-1 or KOI8-R subject would turn into replacement characters.
        properties.setProperty("mail.mime.allowutf8", "false");
        return properties;
    }

    /** @throws MailRefused when there is nothing to keep (an empty mail) */
    public ParsedMail parse(byte[] raw) {
        if (new String(raw, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new MailRefused(MailRefused.Reason.NO_MAIL, "the mail is empty");
        }
        String envelopeSender = envelopeSender(raw);
        MimeMessage message;
        try {
            int skip = RawMail.envelopeLineLength(raw);
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw, skip, raw.length - skip));
        } catch (MessagingException e) {
            return unparsed(raw, "the mail cannot be read as a mail (" + e.getMessage() + ")");
        }
        if (Stream.of("From", "Date", "Subject", "Message-ID").allMatch(name -> header(message, name) == null)) {
            return unparsed(raw, "the mail has no mail headers (From, Date, Subject, Message-ID)");
        }
        List<String> answers = new ArrayList<>(ids(header(message, "In-Reply-To")));
        List<String> references = ids(header(message, "References"));
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!answers.contains(references.get(i))) {
                answers.add(references.get(i));
            }
        }
        Body body = new Body();
        body.read(message, "the mail");
        String from = from(message, body.charset);
        String subject = subject(header(message, "Subject"), body.charset);
        String messageId =
                ids(header(message, "Message-ID")).stream().findFirst().orElse(null);
        String text = body.text();
        Bounce bounce = BounceReading.read(raw, body.statusReports, messageId, subject, from, envelopeSender, text)
                .orElse(null);
        String automatic = automatic(message, subject, from, envelopeSender);
        return new ParsedMail(
                messageId,
                answers,
                subject,
                from,
                automatic == null && bounce != null ? "a bounce (it returns a mail)" : automatic,
                text,
                QuotedHistory.trimmed(text),
                body.attachments,
                body.problems.isEmpty() ? null : String.join("; ", body.problems),
                body.notStored,
                bounce);
    }

    /** A mail no MIME parser reads: its headers as the bytes have them, its body as text, all of it kept raw. */
    private static ParsedMail unparsed(byte[] raw, String why) {
        String subject = RawMail.header(raw, "Subject");
        String from = RawMail.header(raw, "From");
        String text = decode(raw, null);
        if (text.length() > MAX_FALLBACK_CHARS) {
            text = text.substring(0, MAX_FALLBACK_CHARS) + "\n[... cut here: the whole mail is kept raw]";
        }
        text = text.replace("\r\n", "\n").strip();
        return new ParsedMail(
                ids(RawMail.header(raw, "Message-ID")).stream().findFirst().orElse(null),
                List.of(),
                subject == null ? "" : subject(subject, null),
                from == null ? null : fromText(repaired(from, null)),
                null,
                text,
                text,
                List.of(),
                why,
                List.of(),
                null);
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

    /** The subject as its writer meant it: raw 8-bit bytes decoded as the body's are, then RFC 2047 words. */
    private static String subject(String raw, String bodyCharset) {
        if (raw == null) {
            return "";
        }
        return words(MimeUtility.unfold(repaired(raw, bodyCharset)))
                .replaceAll("[\\r\\n]+\\s*", " ")
                .strip();
    }

    /**
     * RFC 2047 encoded words decoded, their charsets forgiven as the body's are ({@code cp-1250}); a word in a
     * charset nobody knows stays as it is.
     */
    private static String words(String text) {
        Matcher word = ENCODED_WORD.matcher(text);
        StringBuilder known = new StringBuilder();
        while (word.find()) {
            Charset charset = knownCharset(word.group(1));
            word.appendReplacement(
                    known,
                    Matcher.quoteReplacement(
                            charset == null ? word.group() : "=?" + charset.name() + "?" + word.group(2) + "?"));
        }
        word.appendTail(known);
        try {
            return MimeUtility.decodeText(known.toString());
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return text;
        }
    }

    /**
     * The sender's address, lower case; a From no parser understands (a 190-character name without an address)
     * as its text, cut to what a column takes: the mail is still kept, and its raw bytes say it all.
     */
    private static String from(MimeMessage message, String bodyCharset) {
        try {
            Address[] from = message.getFrom();
            if (from != null
                    && from.length > 0
                    && from[0] instanceof InternetAddress address
                    && address.getAddress() != null
                    && address.getAddress().contains("@")) {
                return fromText(repaired(address.getAddress(), bodyCharset).toLowerCase(Locale.ROOT));
            }
        } catch (MessagingException | RuntimeException e) {
            // A From header no parser understands: its text below.
        }
        String raw = header(message, "From");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return fromText(words(repaired(raw, bodyCharset)));
    }

    private static String fromText(String text) {
        String single = text.replaceAll("\\s+", " ").strip();
        return single.length() > 254 ? single.substring(0, 254) : single;
    }

    /**
     * Why a machine wrote the mail (RFC 3834's Auto-Submitted, the headers Exchange and others use instead,
     * Precedence, an automatic reply's subject, bounces, our own mail coming back), or null when a person did.
     * Such mail is recorded, never answered and never counted as a site's response.
     */
    private static String automatic(MimeMessage message, String subject, String from, String envelopeSender) {
        if (header(message, LOOP_HEADER) != null) {
            return OWN_MAIL_RETURNED;
        }
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.split(";")[0].strip().equalsIgnoreCase("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        // Exchange marks its automatic replies so (All, OOF, AutoReply...), but not always with Auto-Submitted.
        String suppress = header(message, "X-Auto-Response-Suppress");
        if (suppress != null && !suppress.isBlank() && !suppress.strip().equalsIgnoreCase("none")) {
            return "X-Auto-Response-Suppress: " + suppress.strip() + " (an automatic reply)";
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Autogenerated", "X-AutoReply-From")) {
            if (header(message, name) != null) {
                return name + " (an automatic reply)";
            }
        }
        String precedence = header(message, "Precedence");
        if (precedence != null
                && List.of("bulk", "junk", "list", "auto_reply")
                        .contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "Precedence: " + precedence.strip();
        }
        if (isMimeType(message, "multipart/report")) {
            return "a delivery or read report (multipart/report)";
        }
        String returnPath = header(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>") || "".equals(envelopeSender)) {
            return "empty return path (a bounce)";
        }
        if (from != null && from.startsWith("mailer-daemon@") || "mailer-daemon".equalsIgnoreCase(envelopeSender)) {
            return "from MAILER-DAEMON (a bounce)";
        }
        if (AUTOMATIC_SUBJECT.matcher(subject).matches()) {
            return "the subject of an automatic reply: " + (subject.length() > 80 ? subject.substring(0, 80) : subject);
        }
        return null;
    }

    private static boolean isMimeType(Part part, String type) {
        try {
            return part.isMimeType(type);
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    /** The first value of a header as the bytes have it (ISO-8859-1), or null. */
    private static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The envelope sender of that line ("" for the null sender {@code <>}), or null without one. */
    private static String envelopeSender(byte[] raw) {
        int length = RawMail.envelopeLineLength(raw);
        if (length == 0) {
            return null;
        }
        String[] words = new String(raw, 5, length - 5, StandardCharsets.ISO_8859_1)
                .strip()
                .split("\\s+");
        return words.length == 0 || words[0].equals("<>") ? "" : words[0];
    }

    /** The text and attachments of a mail, gathered part by part; what cannot be read is noted, not fatal. */
    private final class Body {
        private final List<String> texts = new ArrayList<>();
        private final List<MailAttachment> attachments = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        /** The attachments over the limit, not stored apart: what the history says of each. */
        private final List<String> notStored = new ArrayList<>();
        /** The bytes of its delivery status reports (RFC 3464, RFC 6533), which say which recipients failed. */
        private final List<byte[]> statusReports = new ArrayList<>();
        /** The charset the mail's first text declares: how its writer's program writes 8-bit headers too. */
        private String charset;

        String text() {
            return String.join("\n\n", texts).replace("\r\n", "\n").strip();
        }

        void read(Part part, String where) {
            try {
                readPart(part, where);
            } catch (MailRefused e) {
                throw e;
            } catch (MessagingException | IOException | RuntimeException e) {
                problems.add(where + " (" + contentType(part) + ") could not be read: " + e.getMessage());
            }
        }

        private void readPart(Part part, String where) throws MessagingException, IOException {
            if (isMimeType(part, "multipart/*")) {
                List<Part> parts = parts(part, where);
                if (isMimeType(part, "multipart/alternative")) {
                    readAlternative(parts, where);
                } else {
                    for (int i = 0; i < parts.size(); i++) {
                        read(parts.get(i), where + ", part " + (i + 1));
                    }
                }
            } else if (isMimeType(part, "message/delivery-status")
                    || isMimeType(part, "message/global-delivery-status")) {
                try (InputStream in = part.getInputStream()) {
                    statusReports.add(in.readAllBytes());
                }
                attach(part);
            } else if (isAttachment(part)) {
                attach(part);
            } else if (isMimeType(part, "text/plain") || contentType(part).isBlank()) {
                texts.add(text(part));
            } else if (isMimeType(part, "text/html")) {
                texts.add(HtmlText.of(text(part)));
            } else {
                attach(part);
            }
        }

        /**
         * The parts of a multipart, read on their raw bytes with the boundary found leniently (unquoted, as
         * Outlook writes {@code ----=_NextPart...}); a part before the first boundary line (the line missing) is
         * read as the first part; a multipart whose boundary is nowhere is one part, or text.
         */
        private List<Part> parts(Part part, String where) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = rawContent(part)) {
                bytes = in.readAllBytes();
            }
            String type = contentType(part);
            Matcher boundary = BOUNDARY.matcher(type);
            String subtype =
                    type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type.strip();
            String boundaryText =
                    boundary.find() ? (boundary.group(1) != null ? boundary.group(1) : boundary.group(2)) : null;
            String lenient = boundaryText != null ? subtype + "; boundary=\"" + boundaryText + "\"" : subtype;
            MimeMultipart multipart = new MimeMultipart(new Bytes(lenient, bytes));
            List<Part> parts = new ArrayList<>();
            String failure;
            try {
                String preamble = preamble(bytes, boundaryText);
                if (multipart.getCount() > 0 && PART_HEADERS.matcher(preamble).matches()) {
                    parts.add(new MimeBodyPart(
                            new ByteArrayInputStream(preamble.strip().getBytes(StandardCharsets.ISO_8859_1))));
                }
                for (int i = 0; i < multipart.getCount(); i++) {
                    parts.add(multipart.getBodyPart(i));
                }
                failure = "no boundary line";
            } catch (MessagingException e) {
                failure = e.getMessage();
            }
            if (parts.isEmpty()) {
                String content = new String(bytes, StandardCharsets.ISO_8859_1);
                if (PART_HEADERS.matcher(content).matches()) {
                    parts.add(new MimeBodyPart(new ByteArrayInputStream(content.replaceAll("(?m)^--\\S*--\\s*$", "")
                            .strip()
                            .getBytes(StandardCharsets.ISO_8859_1))));
                } else if (!content.isBlank()) {
                    problems.add(where + " (" + type + ") has no part that could be told apart (" + failure
                            + "); shown as text");
                    String text = decode(bytes, null);
                    texts.add(text.length() > MAX_FALLBACK_CHARS ? text.substring(0, MAX_FALLBACK_CHARS) : text);
                }
            }
            return parts;
        }

        /** What stands before the first boundary line, byte for byte (Jakarta Mail's preamble drops empty lines). */
        private static String preamble(byte[] bytes, String boundary) {
            String content = new String(bytes, StandardCharsets.ISO_8859_1);
            if (boundary == null) {
                return "";
            }
            Matcher first = Pattern.compile("(?m)^--" + Pattern.quote(boundary) + "[ \\t]*\\r?$")
                    .matcher(content);
            return first.find() ? content.substring(0, first.start()) : "";
        }

        /** The plain-text version when there is one, else the richest the mail offers (usually HTML). */
        private void readAlternative(List<Part> alternatives, String where) throws MessagingException, IOException {
            Part chosen = null;
            for (Part candidate : alternatives) {
                if (isMimeType(candidate, "text/plain") && !text(candidate).isBlank()) {
                    chosen = candidate;
                    break;
                }
                chosen = candidate;
            }
            if (chosen != null) {
                read(chosen, where);
            }
        }

        private boolean isAttachment(Part part) {
            String disposition = header(part, "Content-Disposition");
            return disposition != null
                            && disposition.strip().toLowerCase(Locale.ROOT).startsWith("attachment")
                    || filename(part) != null
                    || isMimeType(part, "message/rfc822");
        }

        private void attach(Part part) throws MessagingException, IOException {
            String filename = filename(part);
            byte[] content;
            try (InputStream in = decodedContent(part)) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentBytes + 1));
            }
            if (content.length > maxAttachmentBytes) {
                // The site's words must not be lost for a big log file: the mail is kept (it is within the mail's
                // limit, so its raw bytes hold the attachment) and only this attachment is not stored apart.
                notStored.add((filename == null ? "an attachment without a name" : "'" + filename + "'") + " ("
                        + baseType(part) + ") is larger than the limit of " + maxAttachmentBytes
                        + " bytes: not stored apart, it is in the raw mail");
                return;
            }
            attachments.add(new MailAttachment(filename, baseType(part), content));
        }

        /**
         * The file name: unquoted with spaces or 8-bit bytes as some programs write it, 8-bit bytes decoded as the
         * mail's text is, RFC 2231 and RFC 2047 names decoded.
         */
        private String filename(Part part) {
            String name = null;
            for (String header : List.of("Content-Disposition", "Content-Type")) {
                String value = header(part, header);
                Matcher unquoted = value == null ? null : UNQUOTED_NAME.matcher(value);
                if (unquoted != null && unquoted.find() && !unquoted.group(1).isBlank()) {
                    name = unquoted.group(1).strip();
                    break;
                }
            }
            if (name == null) {
                try {
                    name = part.getFileName();
                } catch (MessagingException | RuntimeException e) {
                    return null;
                }
            }
            if (name == null) {
                return null;
            }
            return words(repaired(name, charset)).strip();
        }

        private String baseType(Part part) {
            String type = contentType(part);
            String base = (type.contains(";") ? type.substring(0, type.indexOf(';')) : type)
                    .strip()
                    .toLowerCase(Locale.ROOT);
            return base.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") ? base : "application/octet-stream";
        }

        private String text(Part part) throws MessagingException, IOException {
            byte[] bytes;
            try (InputStream in = decodedContent(part)) {
                bytes = in.readAllBytes();
            }
            Matcher declared = CHARSET.matcher(contentType(part));
            String named = declared.find() ? (declared.group(1) != null ? declared.group(1) : declared.group(2)) : null;
            if (charset == null && named != null && knownCharset(named) != null) {
                charset = named;
            }
            return decode(bytes, named);
        }
    }

    private static String contentType(Part part) {
        String type = header(part, "Content-Type");
        return type == null ? "" : MimeUtility.unfold(type).strip();
    }

    /** The content as it stands in the mail, before any transfer decoding. */
    private static InputStream rawContent(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        return part.getInputStream();
    }

    /**
     * The content decoded by its transfer encoding as its writer meant it: {@code 8bits}, {@code 7-bit},
     * {@code plain} or any other unknown name is the content as it stands, {@code base-64} is base64.
     */
    private static InputStream decodedContent(Part part) throws MessagingException, IOException {
        String declared = header(part, "Content-Transfer-Encoding");
        String encoding = declared == null
                ? ""
                : declared.strip()
                        .split("[;\\s]")[0]
                        .replace("\"", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]", "");
        String known =
                switch (encoding) {
                    case "base64" -> "base64";
                    case "quotedprintable", "qp" -> "quoted-printable";
                    case "uuencode", "xuuencode", "xuue", "uue" -> "uuencode";
                    default -> null;
                };
        InputStream raw = rawContent(part);
        return known == null ? raw : MimeUtility.decode(raw, known);
    }

    /** A multipart's bytes under the content type read leniently, for Jakarta Mail's multipart parser. */
    private record Bytes(String type, byte[] bytes) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return "part";
        }
    }

    /**
     * A header read byte for byte (ISO-8859-1) with its 8-bit bytes decoded: UTF-8 if they are valid UTF-8, else in
     * the charset the mail's text declares, else Windows-1252; never replacement characters.
     */
    static String repaired(String latin1, String bodyCharset) {
        boolean eightBit = false;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xff) {
                return latin1;
            }
            eightBit |= c >= 0x80;
        }
        if (!eightBit) {
            return latin1;
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        String utf8 = strictUtf8(bytes);
        if (utf8 != null) {
            return utf8;
        }
        Charset declared = bodyCharset == null ? null : knownCharset(bodyCharset);
        return new String(bytes, declared != null ? declared : Charset.forName("windows-1252"));
    }

    /** Text in its declared charset; without a usable one, UTF-8 if the bytes are valid UTF-8, else Windows-1252. */
    static String decode(byte[] bytes, String declared) {
        Charset charset = declared == null ? null : knownCharset(declared);
        if (charset != null) {
            return new String(bytes, charset);
        }
        String utf8 = strictUtf8(bytes);
        return utf8 != null ? utf8 : new String(bytes, Charset.forName("windows-1252"));
    }

    /** The charset a mail names, forgiving the spellings mail programs use (quotes, "win-1251", "cp-1250"). */
    static Charset knownCharset(String name) {
        String cleaned = name.strip().replace("\"", "").replace("'", "");
        for (String candidate : List.of(
                cleaned,
                MimeUtility.javaCharset(cleaned),
                cleaned.replaceFirst("(?i)^win-?", "windows-"),
                cleaned.replaceFirst("(?i)^cp-", "cp"))) {
            try {
                return Charset.forName(candidate);
            } catch (IllegalArgumentException e) {
                // An unknown or misspelt name: the next spelling.
            }
        }
        return null;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
