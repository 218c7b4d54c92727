package org.csirtdesk.inbox.entity;

import java.util.List;
import java.util.Optional;

/**
 * What an incoming mail says, read by a MIME parser: its identity, the Message-IDs it answers (In-Reply-To
 * first, then References newest first), the decoded subject and sender, why it is automatic if it is, its
 * whole text (HTML turned into text) and its attachments. {@code messageId}, {@code from} and
 * {@code automatic} are null when the mail has none. {@code displayText} is the text to show: the quoted history
 * of earlier mails left out (it is kept in {@code text}). {@code unreadable} says what could not be read (a part
 * no lenient reading understood, no mail headers at all), null when all of it was: such a mail is kept raw for a
 * person to look at, never taken as a site's response. {@code notStored} says which attachments were over the
 * limit and are kept only in the raw mail. {@code bounce} is what the mail says as a bounce, null
 * when it is none.
 */
public record ParsedMail(
        String messageId,
        List<String> answers,
        String subject,
        String from,
        String automatic,
        String text,
        String displayText,
        List<MailAttachment> attachments,
        String unreadable,
        List<String> notStored,
        Bounce bounce) {

    public ParsedMail {
        answers = List.copyOf(answers);
        attachments = List.copyOf(attachments);
        notStored = List.copyOf(notStored);
    }

    public boolean isAutomatic() {
        return automatic != null;
    }

    public Optional<Bounce> asBounce() {
        return Optional.ofNullable(bounce);
    }

    public boolean isUnreadable() {
        return unreadable != null;
    }
}
