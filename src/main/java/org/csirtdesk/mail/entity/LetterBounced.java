package org.csirtdesk.mail.entity;

import java.util.List;

/**
 * The CDI event of a bounce matched to one of our letters, raised in the bounce's transaction after it is recorded:
 * the feature that wrote the letter (a SEC03 case, by the letter's outbox key) learns whether it reached anyone.
 *
 * @param letterKey          the letter's outbox key, which names its cause
 * @param ticketId           the letter's ticket, null if it has none
 * @param bounced            the recipients known to have failed, so far, by every bounce of the letter
 * @param everyRecipient     whether every recipient of the letter is among them: the letter reached nobody
 * @param reason             this bounce's reason
 */
public record LetterBounced(
        String letterKey, Long ticketId, String subject, List<String> bounced, boolean everyRecipient, String reason) {

    public LetterBounced {
        bounced = List.copyOf(bounced);
    }
}
