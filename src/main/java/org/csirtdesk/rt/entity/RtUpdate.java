package org.csirtdesk.rt.entity;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one {@code PUT /ticket/<id>}, by RT's names ({@code Status}, {@code Owner}, {@code Subject},
 * {@code Due}, {@code CustomFields}, {@code MemberOf}...), and the ETag it must still match ({@code null}: none). The
 * client writes an {@link Instant} as RT's input date (in UTC for the ticket's own dates such as {@code Due}, in
 * {@code csirt.rt.timezone} inside {@code CustomFields}: RT 5.0.3 reads them so), collections as JSON arrays and maps
 * as JSON objects; a null custom-field value deletes the value. {@code MemberOf} is the full list of parent incidents:
 * RT adds the missing links and deletes the others, so sending it twice changes nothing the second time.
 */
public record RtUpdate(Map<String, Object> fields, String ifMatch) {

    public RtUpdate {
        // LinkedHashMap: a null custom-field value is meaningful, which Map.copyOf refuses.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public RtUpdate(Map<String, Object> fields) {
        this(fields, null);
    }

    public static RtUpdate of() {
        return new RtUpdate(Map.of(), null);
    }

    public RtUpdate with(String field, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put(field, value);
        return new RtUpdate(next, ifMatch);
    }

    public RtUpdate status(String status) {
        return with("Status", status);
    }

    /** The owner's user name; RT's {@code Nobody} to give the ticket back. */
    public RtUpdate owner(String userName) {
        return with("Owner", userName);
    }

    public RtUpdate subject(String subject) {
        return with("Subject", subject);
    }

    public RtUpdate due(Instant due) {
        return with("Due", due);
    }

    public RtUpdate customField(String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> customFields = fields.get("CustomFields") instanceof Map<?, ?> existing
                ? new LinkedHashMap<>((Map<String, Object>) existing)
                : new LinkedHashMap<>();
        customFields.put(name, value);
        return with("CustomFields", Collections.unmodifiableMap(customFields));
    }

    public RtUpdate memberOf(List<Long> incidents) {
        return with("MemberOf", List.copyOf(incidents));
    }

    public RtUpdate ifMatch(String etag) {
        return new RtUpdate(fields, etag);
    }
}
