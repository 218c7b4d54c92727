package org.csirtdesk.ticket.boundary;

import org.csirtdesk.platform.boundary.Input;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reply to the ticket's contacts (correspondence) or a note for CSIRT only (comment), with the minutes worked on it
 * when said (RT's TimeTaken).
 */
public record Message(
        @Schema(required = true, maxLength = 1_000_000) String content,

        @Schema(minimum = "0", maximum = "1440", description = "minutes worked (RT's TimeTaken)")
        Integer timeWorked) {

    String checkedContent() {
        Input input = new Input();
        input.text("content", content, 1_000_000, true);
        input.check();
        return content;
    }
}
