package org.csirtdesk.inbox.entity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The earlier mails a reply quotes, cut from what is shown: replies are read on the ticket next to the mails
 * they quote, so the history only repeats them. The whole text is kept with the mail.
 */
public final class QuotedHistory {

    /**
     * Lines that start the quoted history in the mail programs the sites use: "On ... wrote:" (Thunderbird,
     * Apple Mail, Gmail; also in French and German), Outlook's separator line and its "-----Original
     * Message-----", and a forward's header. Outlook's header block without a separator is recognised below.
     */
    private static final List<Pattern> STARTS = List.of(
            Pattern.compile(
                    "^\\s*(On|Le|Am) .{4,300}(wrote|écrit|schrieb.{0,200}?)\\s*:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*-{2,}\\s*Original Message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*_{20,}\\s*$"),
            Pattern.compile("^\\s*-{2,}\\s*Forwarded message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*Begin forwarded message:\\s*$", Pattern.CASE_INSENSITIVE));

    /**
     * Outlook's header block of the quoted mail, in the languages of the sites' mail programs, when no separator
     * line stands above it: a "From:" line followed, within a few lines, by its "Sent:" (or "Date:") and its
     * "Subject:" line.
     */
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^\\s*\\*?(From|Von|De|Od|Da|Van|Från|Fra|Lähettäjä|Feladó|От|Από)\\s*:\\*?\\s*\\S.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern HEADER_SENT = Pattern.compile(
            "^\\s*\\*?(Sent|Date|Gesendet|Datum|Envoyé|Date d'envoi|Poslano|Inviato|Data|Enviado|Enviada|Fecha"
                    + "|Verzonden|Skickat|Sendt|Wysłano|Odesláno|Elküldve|Lähetetty|Отправлено|Дата|Στάλθηκε)\\s*:.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern HEADER_SUBJECT = Pattern.compile(
            "^\\s*\\*?(Subject|Betreff|Objet|Zadeva|Oggetto|Asunto|Assunto|Onderwerp|Ämne|Emne|Temat|Předmět"
                    + "|Tárgy|Aihe|Тема|Θέμα)\\s*:.*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * Lines of a raw header block pasted as evidence (a phishing mail's headers in a report), which a mail program's
     * quoted header block never has: that text is the writer's own and stays.
     */
    private static final Pattern RAW_HEADER = Pattern.compile(
            "^\\s*(Received|Return-Path|Message-ID|DKIM-Signature|MIME-Version|Content-Type|Reply-To|X-[\\w-]+)\\s*:.*$"
                    + "|^\\s*Date\\s*:.*[+-]\\d{4}\\b.*$",
            Pattern.CASE_INSENSITIVE);

    /** How far below its "From:" line a quoted header block's "Subject:" line may stand (To, Cc, long lists). */
    private static final int HEADER_BLOCK_LINES = 8;

    private QuotedHistory() {}

    /**
     * The text up to the quoted history: up to the first line that starts it, and without a block of "&gt;"
     * lines at the end. Quoted lines between the writer's own (an answer written inline) stay. A mail that is
     * nothing but a quote keeps its text.
     */
    public static String trimmed(String text) {
        List<String> lines = text.lines().toList();
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (startsHistory(lines, i)) {
                end = i;
                break;
            }
        }
        while (end > 0 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith(">"))) {
            end--;
        }
        String kept = String.join("\n", lines.subList(0, end)).strip();
        return kept.isEmpty() ? text.strip() : kept;
    }

    private static boolean startsHistory(List<String> lines, int i) {
        String line = lines.get(i);
        if (STARTS.stream().anyMatch(start -> start.matcher(line).matches())) {
            return true;
        }
        if (startsHeaderBlock(lines, i)) {
            return true;
        }
        // Gmail and Apple Mail wrap a long "On <date>, <name> <address> wrote:" over two lines.
        return i + 1 < lines.size()
                && line.matches("(?i)^\\s*On .{4,200}$")
                && STARTS.get(0).matcher(line + " " + lines.get(i + 1).strip()).matches();
    }

    private static boolean startsHeaderBlock(List<String> lines, int i) {
        if (i == 0 || !HEADER_FROM.matcher(lines.get(i)).matches()) {
            return false;
        }
        boolean sent = false;
        for (int j = i + 1; j < Math.min(lines.size(), i + 1 + HEADER_BLOCK_LINES); j++) {
            String line = lines.get(j);
            if (line.isBlank() || RAW_HEADER.matcher(line).matches()) {
                return false;
            }
            sent |= HEADER_SENT.matcher(line).matches();
            if (sent && HEADER_SUBJECT.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
