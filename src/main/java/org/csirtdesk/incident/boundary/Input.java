package org.csirtdesk.incident.boundary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.csirtdesk.incident.control.Attachment;
import org.csirtdesk.incident.control.Triage;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.Tlp;

/** The incidents' request values, parsed, each refusal naming its field. */
final class Input {

    private Input() {
    }

    static Tlp tlp(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Tlp.parse(text).orElseThrow(() -> DomainException.invalid(field, "'" + text
                + "' is no TLP label: CLEAR (or WHITE), GREEN, AMBER or RED"));
    }

    static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "'" + text + "' is not an ISO-8601 time such as 2026-11-23T08:30:00Z");
        }
    }

    static Triage.Decision decision(String text) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Triage.Decision.values()).filter(decision -> decision.name().equals(wanted)).findFirst()
                .orElseThrow(() -> DomainException.invalid("decision", "'" + text + "' is no triage decision: reject "
                        + "(with a reason), link (to an incident, with a reason) or new (a new incident)"));
    }

    static IndicatorType indicatorType(String text) {
        return IndicatorType.parse(text).orElseThrow(() -> DomainException.invalid("type", "'" + text
                + "' is no indicator type: " + IndicatorType.slugs()));
    }

    static Attachment attachment(NewClosure.File file) {
        if (file == null) {
            return null;
        }
        if (file.filename() == null || file.filename().isBlank() || file.filename().length() > 255) {
            throw DomainException.invalid("attachment.filename", "the file's name is required, at most 255 characters");
        }
        if (file.content() == null || file.content().isBlank()) {
            throw DomainException.invalid("attachment.content", "the file's content, in base64, is required");
        }
        try {
            String type = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream" : file.contentType().strip();
            return new Attachment(file.filename().strip(), type, Base64.getMimeDecoder().decode(file.content()));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("attachment.content", "is not base64: " + e.getMessage());
        }
    }
}
