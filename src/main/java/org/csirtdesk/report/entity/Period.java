package org.csirtdesk.report.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.csirtdesk.platform.entity.DomainException;

/**
 * The days a report covers, both included, in the CSIRT's time zone: from the start of {@code from} to the end of
 * {@code to} there, as the half-open interval of instants [start, end).
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /** The longest period a report covers, so that a typing error cannot ask for centuries of history. */
    public static final int MAX_YEARS = 5;

    public static final int DEFAULT_MONTHS = 6;

    public Period {
        if (to.isBefore(from)) {
            throw DomainException.invalid("to", to + " is before from (" + from + ")");
        }
        if (to.isAfter(from.plusYears(MAX_YEARS))) {
            throw DomainException.invalid(
                    "to", "the period from " + from + " to " + to + " is longer than " + MAX_YEARS + " years");
        }
    }

    /**
     * The period the request names. Without {@code to}: up to today; without {@code from}: the six months that end
     * on {@code to}: from the day
     * after it, six months back (30 June gives 1 January, 23 November 24 May).
     */
    public static Period of(String fromText, String toText, LocalDate today, ZoneId zone) {
        LocalDate to = blank(toText) ? today : date("to", toText);
        LocalDate from = blank(fromText) ? to.plusDays(1).minusMonths(DEFAULT_MONTHS) : date("from", fromText);
        return new Period(from, to, zone);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "'" + text + "' is not a date as YYYY-MM-DD");
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period: the start of the day after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
