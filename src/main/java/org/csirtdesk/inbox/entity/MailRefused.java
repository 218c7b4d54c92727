package org.csirtdesk.inbox.entity;

import java.util.Locale;

/**
 * A mail refused on purpose, for good: the only mails the gateway answers {@code not ok} (rt-mailgate then drops
 * them) and the IMAP mailbox deletes unread. Everything else is taken, however broken, or fails for now. Each
 * refusal is logged with the mail's Message-ID and counted by its reason.
 */
public class MailRefused extends RuntimeException {

    /** Why; a small fixed set, so that each is one counter on /metrics. */
    public enum Reason {
        /** The mail is larger than csirt.mail.max-message-bytes. */
        MESSAGE_TOO_LARGE,
        /** Nothing to keep: an empty mail, or a form without one. */
        NO_MAIL,
        /** The gateway's request is no multipart form (rt-mailgate always sends one). */
        NOT_A_FORM;

        /** Its tag on /metrics. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public MailRefused(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
