package org.csirtdesk.campaign.boundary;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;

/** Checks a request's fields and collects every error, so the caller learns all that is wrong at once. */
final class Input {

    private final List<FieldError> errors = new ArrayList<>();

    String text(String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            errors.add(new FieldError(field, "is longer than " + maxLength + " characters"));
        }
        if (stripped.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            errors.add(new FieldError(field, "contains control characters"));
        }
        return stripped;
    }

    Instant instant(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required, as an ISO-8601 instant such as 2026-12-01T14:00:00Z"));
            }
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + value + "' is not an ISO-8601 instant such as 2026-12-01T14:00:00Z"));
            return null;
        }
    }

    <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                errors.add(new FieldError(field, "is required: one of " + names(type)));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "'" + value + "' is not one of " + names(type)));
            return fallback;
        }
    }

    void fail(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    /** Throws if anything was wrong; nothing has been changed yet. */
    void check() {
        if (!errors.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID_INPUT, errors.size() == 1 ? errors.get(0).field() + " "
                    + errors.get(0).reason() : errors.size() + " fields are invalid", List.copyOf(errors));
        }
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(value -> value.name().toLowerCase(Locale.ROOT)).toList();
    }
}
