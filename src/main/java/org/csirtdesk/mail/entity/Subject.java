package org.csirtdesk.mail.entity;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A mail's subject, whose bracketed labels ({@code [TLP:AMBER]}, the ticket's tag {@code [CSIRT #12]}) each appear
 * once. Labels arrive from several hands, a template, a person's subject, a quoted reply's subject ("Re: [CSIRT #12]
 * ... [TLP:RED]" inside a notice that writes both again), so adding one is idempotent and a repeated one is dropped.
 * A TLP label other than the message's own is replaced by it: a subject never claims two levels.
 */
public record Subject(String text) {

    private static final Pattern LABEL = Pattern.compile("\\[([^\\[\\]]{1,100})]");
    private static final Pattern TLP_LABEL =
            Pattern.compile("\\[\\s*TLP\\s*:\\s*[A-Z+]+\\s*]", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPLY = Pattern.compile("^(re|aw|sv|antw)\\s*:", Pattern.CASE_INSENSITIVE);

    /** The text, stripped, each bracketed label kept at its first place only. */
    public Subject {
        text = withoutRepeatedLabels(text.strip());
    }

    /** The message's TLP label at the end, unless the subject carries it; another level's label is replaced. */
    public Subject withTlp(Tlp tlp) {
        String label = "[TLP:" + tlp.name() + "]";
        Matcher first = TLP_LABEL.matcher(text);
        if (first.find()) {
            // The first TLP label stays where it is, as written if it is the message's level, else made the message's
            // label; any further TLP label goes.
            String written = first.group();
            boolean same = written.replaceAll("\\s", "").equalsIgnoreCase(label);
            String kept = text.substring(0, first.start())
                    + (same ? written : label)
                    + TLP_LABEL.matcher(text.substring(first.end())).replaceAll("");
            return new Subject(kept);
        }
        if (text.toUpperCase(Locale.ROOT).contains("TLP:" + tlp.name())) {
            return this;
        }
        return new Subject(text.isEmpty() ? label : text + " " + label);
    }

    /** The tag in front (after a leading "Re:", as mail clients write it), unless the subject carries it. */
    public Subject withTag(String tag) {
        if (text.toLowerCase(Locale.ROOT).contains(tag.toLowerCase(Locale.ROOT))) {
            return this;
        }
        Matcher reply = REPLY.matcher(text);
        if (reply.find()) {
            return new Subject(text.substring(0, reply.end()) + " " + tag + " "
                    + text.substring(reply.end()).strip());
        }
        return new Subject(text.isEmpty() ? tag : tag + " " + text);
    }

    @Override
    public String toString() {
        return text;
    }

    private static String withoutRepeatedLabels(String subject) {
        Matcher label = LABEL.matcher(subject);
        Set<String> seen = new HashSet<>();
        StringBuilder kept = new StringBuilder();
        int from = 0;
        while (label.find()) {
            String name = label.group(1).replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                kept.append(subject, from, label.start());
                from = label.end();
            }
        }
        kept.append(subject.substring(from));
        return kept.toString().replaceAll("\\s{2,}", " ").strip();
    }
}
