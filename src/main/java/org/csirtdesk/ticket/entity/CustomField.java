package org.csirtdesk.ticket.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A typed field that the tickets of one queue carry, like RT's custom fields. */
@NamedQuery(name = CustomField.OF_QUEUE, query = "select f from CustomField f where f.queue = :queue order by f.id")
@Entity
@Table(name = "custom_fields")
public class CustomField {

    public static final String OF_QUEUE = "CustomField.ofQueue";

    public static final int MAX_TEXT_LENGTH = 1024;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Queue queue;

    @Column(nullable = false, length = 64)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CustomFieldType type;

    @Column(length = 255)
    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "custom_field_options", joinColumns = @JoinColumn(name = "field_id"))
    @OrderColumn(name = "position")
    @Column(name = "value", length = 190)
    private List<String> options = new ArrayList<>();

    protected CustomField() {}

    public CustomField(Queue queue, String name, CustomFieldType type, String description, List<String> options) {
        this.queue = queue;
        this.name = name;
        this.type = type;
        this.description = description;
        this.options = new ArrayList<>(type == CustomFieldType.SELECT ? options : List.of());
    }

    /**
     * The value in its stored form, or the reason it does not fit this field: a date-time becomes an
     * ISO-8601 instant in UTC, a select value must be one of the options.
     */
    public Result normalize(String value) {
        return switch (type) {
            case TEXT ->
                value.length() <= MAX_TEXT_LENGTH
                        ? Result.ok(value)
                        : Result.error("longer than " + MAX_TEXT_LENGTH + " characters");
            case DATE_TIME ->
                parseInstant(value)
                        .map(instant -> Result.ok(instant.toString()))
                        .orElseGet(
                                () -> Result.error("not an ISO-8601 date-time with offset, e.g. 2026-11-23T10:00:00Z"));
            case SELECT -> options.contains(value) ? Result.ok(value) : Result.error("not one of " + options);
        };
    }

    private static Optional<Instant> parseInstant(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The outcome of {@link #normalize}: a stored value or an error, never both. */
    public record Result(String value, String error) {
        static Result ok(String value) {
            return new Result(value, null);
        }

        static Result error(String error) {
            return new Result(null, error);
        }
    }

    public Long id() {
        return id;
    }

    public Queue queue() {
        return queue;
    }

    public String name() {
        return name;
    }

    public CustomFieldType type() {
        return type;
    }

    public String description() {
        return description;
    }

    public List<String> options() {
        return List.copyOf(options);
    }
}
