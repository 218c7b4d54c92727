package org.csirtdesk.platform.boundary;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;

/**
 * The one way the API reads a request's values: text, instants, choices, booleans, e-mail addresses, paging and
 * If-Match are read the same way by every resource. Every field's error is collected, so the caller learns all
 * that is wrong at once, and {@link #check()} refuses before anything has been changed. A value that cannot be read
 * comes back as null (or the default), so that reading can go on to the next field.
 */
public final class Input {

    /** Size of a page of any listing, from 1. */
    public static final int MAX_SIZE = 1000;
    /** The last page any listing serves; with {@link #MAX_SIZE}, the offset always fits an int. */
    public static final int MAX_PAGE = 1_000_000;

    private static final String INSTANT_EXAMPLE = "2026-12-01T14:00:00Z or 2026-12-01T15:00:00+01:00";
    private static final int MAX_ADDRESS = 254;

    private final List<FieldError> errors = new ArrayList<>();

    /** Which page of a listing, and how long a page is. */
    public record Paging(int page, int size) {

        /** The number of items before the page. */
        public int offset() {
            return (page - 1) * size;
        }
    }

    /**
     * Stripped text, null when absent or blank. Control characters other than tab, line feed and carriage return
     * (NUL first of all) are refused: no client has a reason to send them, and they break mail, logs and the desk.
     */
    public String text(String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            fail(field, "is longer than " + maxLength + " characters");
        }
        if (stripped.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            fail(field, "contains control characters");
        }
        return stripped;
    }

    /** An ISO-8601 date and time with its offset, Z or any other ({@code +01:00}). */
    public Instant instant(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required, as an ISO-8601 date and time such as " + INSTANT_EXAMPLE);
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            fail(field, "'" + value + "' is not an ISO-8601 date and time with its offset, such as " + INSTANT_EXAMPLE);
            return null;
        }
    }

    /** One of the enum's constants, named in any case, with '-' or ' ' for '_'; required. */
    public <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        return choice(field, value, type, null, true);
    }

    /** One of the enum's constants, or {@code absent} (which may be null) when no value is given. */
    public <E extends Enum<E>> E choice(String field, String value, Class<E> type, E absent) {
        return choice(field, value, type, absent, false);
    }

    private <E extends Enum<E>> E choice(String field, String value, Class<E> type, E absent, boolean required) {
        List<String> names =
                Arrays.stream(type.getEnumConstants()).map(Input::slug).toList();
        return label(
                field,
                value,
                text -> Arrays.stream(type.getEnumConstants())
                        .filter(constant -> slug(constant).equals(slug(text)))
                        .findFirst(),
                "one of " + names,
                absent,
                required);
    }

    private static String slug(Object name) {
        return name.toString()
                .strip()
                .toLowerCase(Locale.ROOT)
                .replace('_', '-')
                .replace(' ', '-');
    }

    /**
     * A value of a set with its own names (queues, statuses, TLP labels), read by its parser; required.
     * {@code expected} says what would have been right, e.g. "one of CLEAR (or WHITE), GREEN, AMBER, RED".
     */
    public <T> T label(String field, String value, Function<String, Optional<T>> parser, String expected) {
        return label(field, value, parser, expected, null, true);
    }

    /** A value of a set with its own names, or {@code absent} (which may be null) when no value is given. */
    public <T> T label(String field, String value, Function<String, Optional<T>> parser, String expected, T absent) {
        return label(field, value, parser, expected, absent, false);
    }

    private <T> T label(
            String field,
            String value,
            Function<String, Optional<T>> parser,
            String expected,
            T absent,
            boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required: " + expected);
            }
            return absent;
        }
        Optional<T> parsed = parser.apply(value.strip());
        if (parsed.isEmpty()) {
            fail(field, "'" + value + "' is not " + expected);
            return absent;
        }
        return parsed.get();
    }

    /** true or false in any case; null when absent or blank. */
    public Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                fail(field, "'" + value + "' is neither true nor false");
                yield null;
            }
        };
    }

    /** A whole number such as an id in a query parameter; null when absent or blank. */
    public Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            fail(field, "'" + value + "' is not a whole number");
            return null;
        }
    }

    /** A plain address (no display name), in lower case. */
    public String email(String field, String value, boolean required) {
        String text = text(field, value, MAX_ADDRESS, required);
        if (text == null) {
            return null;
        }
        try {
            InternetAddress parsed = new InternetAddress(text, true);
            if (parsed.getPersonal() != null || !parsed.getAddress().contains("@")) {
                throw new AddressException("not a plain address");
            }
            return parsed.getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            fail(field, "'" + value + "' is not an e-mail address");
            return null;
        }
    }

    /** Plain addresses in lower case, duplicates dropped; a bad one is named by its index. */
    public List<String> emails(String field, List<String> values, int maxCount) {
        if (values == null) {
            return List.of();
        }
        if (count(field, values, maxCount)) {
            return List.of();
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String address = email(field + "[" + i + "]", values.get(i), true);
            if (address != null) {
                checked.add(address);
            }
        }
        return checked.stream().distinct().toList();
    }

    /** Refuses more than {@code max} entries; answers whether it did. */
    public boolean count(String field, Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            fail(field, "has more than " + max + " entries");
            return true;
        }
        return false;
    }

    /**
     * The page and size of a listing, as their query parameters give them (null when absent): the same bounds for
     * every listing, page 1 to {@value #MAX_PAGE} and size 1 to {@value #MAX_SIZE}.
     */
    public Paging paging(String page, String size, int defaultSize) {
        return new Paging(bounded("page", page, 1, MAX_PAGE), bounded("size", size, defaultSize, MAX_SIZE));
    }

    private int bounded(String field, String value, int absent, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, the same as a number out of bounds
        }
        fail(field, "'" + value + "' is not a whole number from 1 to " + max);
        return absent;
    }

    public void fail(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    /** Throws if anything was wrong, with every error found; nothing has been changed yet. */
    public void check() {
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    /**
     * The version an If-Match header names ({@code "12"}, {@code W/"12"} or {@code 12}), empty when the header is
     * absent or {@code *}. A tag that is not one of ours can never match: 412, as for a stale one.
     */
    public static Optional<Long> ifMatch(String header) {
        if (header == null || header.strip().equals("*")) {
            return Optional.empty();
        }
        String tag = header.strip();
        tag = tag.startsWith("W/") ? tag.substring(2) : tag;
        try {
            return Optional.of(Long.parseLong(tag.replace("\"", "").strip()));
        } catch (NumberFormatException e) {
            throw new DomainException(
                    DomainException.Kind.STALE_VERSION, "If-Match '" + header + "' is not an ETag of this resource");
        }
    }

    /**
     * The version an If-Match header names, for a change that requires the header (428 without it); empty for
     * {@code *}, which asks for no check. {@code what} names what the caller should have read.
     */
    public static Optional<Long> requiredIfMatch(String header, String what) {
        if (header == null) {
            throw new DomainException(
                    DomainException.Kind.VERSION_REQUIRED,
                    "send If-Match with the ETag from your last read of " + what);
        }
        return ifMatch(header);
    }
}
