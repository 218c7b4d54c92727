package org.csirtdesk.inbox.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw mail read as bytes, without a MIME parser: where its header block ends, a header's value, and the digest
 * of its content. For what must work whatever the MIME parser makes of a mail: the Message-ID of a refused mail
 * for the log, the content digest that tells the same mail delivered twice from another one reusing its
 * Message-ID, the text of a mail no parser can read. Each reads the header block once, linearly.
 */
final class RawMail {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** The headers that say what a mail is, unchanged on its way: the trace headers an MTA adds are left out. */
    private static final List<String> CONTENT_HEADERS =
            List.of("from", "to", "cc", "date", "subject", "message-id", "content-type");

    private RawMail() {}

    /** The mbox "From sender date" line some local deliveries put before the headers, if there is one. */
    static int envelopeLineLength(byte[] raw) {
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

    /** Where the body starts: after the first empty line (LF or CRLF), or the end when there is none. */
    static int bodyStart(byte[] raw) {
        int lineStart = envelopeLineLength(raw);
        for (int i = lineStart; i < raw.length; i++) {
            if (raw[i] == '\n') {
                boolean empty = i == lineStart || i == lineStart + 1 && raw[lineStart] == '\r';
                if (empty) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return raw.length;
    }

    /**
     * The first value of a header, unfolded, each byte a character (ISO-8859-1, so that 8-bit bytes survive to be
     * decoded by the caller); null when the mail has no such header.
     */
    static String header(byte[] raw, String name) {
        return headers(raw).get(name.toLowerCase(Locale.ROOT));
    }

    /** Each header's first value by its lower-case name, read in one pass over the header block. */
    static Map<String, String> headers(byte[] raw) {
        int start = envelopeLineLength(raw);
        int end = bodyStart(raw);
        String[] lines = new String(raw, start, end - start, StandardCharsets.ISO_8859_1).split("\r?\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || lines[i].startsWith(" ") || lines[i].startsWith("\t")) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            StringBuilder value =
                    new StringBuilder(lines[i].substring(colon + 1).strip());
            while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                value.append(' ').append(lines[++i].strip());
            }
            headers.putIfAbsent(name, value.toString());
        }
        return headers;
    }

    /** The mail's Message-ID as it stands in its header, or "(none)": for the log of a mail refused unread. */
    static String messageIdForLog(byte[] raw) {
        String header = header(raw, "Message-ID");
        if (header == null) {
            return "(none)";
        }
        Matcher id = MESSAGE_ID.matcher(header);
        String found = id.find() ? id.group() : header;
        return found.length() > 200 ? found.substring(0, 200) + "..." : found;
    }

    /**
     * The SHA-256 of what the mail says: its body and the headers its writer gave it (From, To, Cc, Date, Subject,
     * Message-ID, Content-Type), line ends ignored. The same mail piped twice, or once by the MTA and once through
     * the IMAP mailbox, has the same digest though its trace headers (Received, Delivered-To, Return-Path) differ;
     * another mail under a reused Message-ID has another.
     */
    static String contentDigest(byte[] raw) {
        MessageDigest digest = sha256();
        Map<String, String> headers = headers(raw);
        for (String name : CONTENT_HEADERS) {
            String value = headers.get(name);
            digest.update((name + ":" + (value == null ? "" : value.replaceAll("\\s+", " ")) + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        int start = bodyStart(raw);
        byte[] body = new byte[raw.length - start];
        int length = 0;
        for (int i = start; i < raw.length; i++) {
            if (raw[i] != '\r') {
                body[length++] = raw[i];
            }
        }
        digest.update(body, 0, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
