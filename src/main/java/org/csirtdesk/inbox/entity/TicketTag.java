package org.csirtdesk.inbox.entity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ticket tag in a subject, {@code [CSIRT #123]}, as the outgoing letters write it. */
public final class TicketTag {

    private TicketTag() {}

    /**
     * The ticket of the first tag with the prefix. The first one is the outer mail's: a forwarded mail's own
     * tag comes later in a "Fwd:" subject or not at all (it stays inside the forwarded part).
     */
    public static Optional<Long> find(String subject, String prefix) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher tag = Pattern.compile(
                        "\\[\\s*" + Pattern.quote(prefix) + "\\s+#(\\d{1,18})\\s*]", Pattern.CASE_INSENSITIVE)
                .matcher(subject);
        return tag.find() ? Optional.of(Long.parseLong(tag.group(1))) : Optional.empty();
    }
}
