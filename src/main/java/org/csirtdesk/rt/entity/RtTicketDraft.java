package org.csirtdesk.rt.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a new RT ticket is created with. {@code due} may be null (no due date); {@code content} may be null (no first
 * message); {@code contentType} defaults to {@code text/plain}; {@code memberOf} names the incidents (ticket ids) the
 * new ticket belongs to, linked in the same request (RT's ticket creation takes {@code MemberOf}).
 */
public record RtTicketDraft(
        String queue,
        String subject,
        List<String> requestors,
        List<String> cc,
        Instant due,
        String content,
        String contentType,
        Map<String, String> customFields,
        List<Long> memberOf) {

    public RtTicketDraft {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("an RT ticket needs a queue");
        }
        requestors = requestors == null ? List.of() : List.copyOf(requestors);
        cc = cc == null ? List.of() : List.copyOf(cc);
        contentType = contentType == null ? "text/plain" : contentType;
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
        memberOf = memberOf == null ? List.of() : List.copyOf(memberOf);
    }
}
