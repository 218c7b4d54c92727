package org.csirtdesk.ticket.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reply to the ticket's contacts (correspondence) or a note for CSIRT only (comment). */
public record Message(@Schema(required = true, maxLength = 1_000_000) String content) {

    String checkedContent() {
        Parse.Checks checks = new Parse.Checks();
        checks.text("content", content, 1_000_000, true);
        checks.done();
        return content;
    }
}
