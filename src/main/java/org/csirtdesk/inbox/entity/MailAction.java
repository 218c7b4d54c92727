package org.csirtdesk.inbox.entity;

import java.util.Locale;
import java.util.Optional;

/** What the address a mail was sent to asks for, as rt-mailgate's --action says it. */
public enum MailAction {
    /** The ticket's correspondence address: a reply to the site's thread. */
    CORRESPOND,
    /** The comment address: a note for CSIRT, never a response. */
    COMMENT;

    /**
     * rt-mailgate's default is correspond; an unknown action (RT's own take, resolve) is none: the gateway answers it
     * as a temporary failure, a configuration to fix while the mail waits with the MTA.
     */
    public static Optional<MailAction> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(CORRESPOND);
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "correspond" -> Optional.of(CORRESPOND);
            case "comment" -> Optional.of(COMMENT);
            default -> Optional.empty();
        };
    }
}
