package org.csirtdesk.rt.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ticket as RT answered it, cleaned of RT's quirks: the queue by name, the owner by user name ({@code null} for RT's
 * {@code Nobody}), an unset due date ({@code 1970-01-01T00:00:00Z} in RT) as empty, requestors and Cc as e-mail
 * addresses, custom fields by name, the incidents it is a member of (RT's {@code parent} links) by ticket id, and the
 * {@code ETag} exactly as RT sent it (quotes included), to send back in {@code If-Match}.
 */
public record RtTicket(
        long id,
        String queue,
        String status,
        String subject,
        String owner,
        Optional<Instant> due,
        Instant lastUpdated,
        List<String> requestors,
        List<String> cc,
        Map<String, List<String>> customFields,
        List<Long> memberOf,
        String etag) {

    public RtTicket {
        due = due == null ? Optional.empty() : due;
        requestors = List.copyOf(requestors);
        cc = List.copyOf(cc);
        customFields = Map.copyOf(customFields);
        memberOf = List.copyOf(memberOf);
    }

    /** The first value of a custom field, if it has one. */
    public Optional<String> customField(String name) {
        List<String> values = customFields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
