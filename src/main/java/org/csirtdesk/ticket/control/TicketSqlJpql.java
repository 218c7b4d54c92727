package org.csirtdesk.ticket.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.control.TicketSql.And;
import org.csirtdesk.ticket.control.TicketSql.Node;
import org.csirtdesk.ticket.control.TicketSql.Not;
import org.csirtdesk.ticket.control.TicketSql.Op;
import org.csirtdesk.ticket.control.TicketSql.Or;
import org.csirtdesk.ticket.control.TicketSql.Term;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * A parsed {@link TicketSql} query as one JPQL condition on the ticket {@code t}. Every value becomes a named
 * parameter ({@code :s1}, {@code :s2}, ...); the statement holds only this class's constants and the conditions the
 * features give ({@link TicketFilters}), whose parameter is renamed so that a filter may appear twice.
 *
 * <p>Each comparison is written so that it is false, never unknown, on a missing value (no owner, no due time): NOT
 * and != then find the tickets without the value too, as RT does.
 */
final class TicketSqlJpql {

    /** The features' filters whose value is a number. */
    private static final Set<String> NUMBER_FILTERS = Set.of("campaign");
    /** InnoDB's innodb_ft_min_token_size: shorter words are not in the index. */
    static final int MIN_WORD = 3;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final String FIELDS =
            "id, queue, status, owner, requestor, cc, site, subject, text, tlp, due, created, updated, cf.<name>";

    /** The condition, and whether it searches the full text (whose cost grows with the number of matches). */
    record Condition(String jpql, boolean fullText) {}

    private final Map<String, String> filters;
    private final Map<String, Object> parameters;
    private boolean fullText;

    private TicketSqlJpql(Map<String, String> filters, Map<String, Object> parameters) {
        this.filters = filters;
        this.parameters = parameters;
    }

    /** The condition of {@code node}, its values added to {@code parameters}. */
    static Condition condition(Node node, Map<String, String> filters, Map<String, Object> parameters) {
        TicketSqlJpql compiler = new TicketSqlJpql(filters, parameters);
        String jpql = compiler.of(node);
        return new Condition(jpql, compiler.fullText);
    }

    private String of(Node node) {
        if (node instanceof And and) {
            return join(and.parts(), " and ");
        }
        if (node instanceof Or or) {
            return join(or.parts(), " or ");
        }
        if (node instanceof Not not) {
            return "not " + of(not.part());
        }
        return term((Term) node);
    }

    private String join(List<Node> parts, String operator) {
        List<String> conditions = new ArrayList<>();
        for (Node part : parts) {
            conditions.add(of(part));
        }
        return "(" + String.join(operator, conditions) + ")";
    }

    private String term(Term term) {
        if (term.field() == null) {
            return term.value().matches("#?\\d{1,18}")
                    ? ticketOrItsSurvivor(Long.valueOf(term.value().replace("#", "")))
                    : fullText(term);
        }
        if (term.op() == Op.NE) {
            return "not " + positive(new Term(term.field(), Op.EQ, term.value(), term.position()));
        }
        return positive(term);
    }

    /**
     * A bare number: that ticket, or, when it was merged, the ticket it was merged into (merged tickets are left out of
     * every search), as RT's search box takes a merged ticket's number to its survivor.
     */
    private String ticketOrItsSurvivor(long number) {
        String name = parameter(number);
        return "(t.id = " + name + " or exists (select 1 from Ticket m where m.id = " + name
                + " and m.mergedInto = t.id))";
    }

    /** A comparison other than !=. */
    private String positive(Term term) {
        String field = term.field();
        if (field.startsWith("cf.")) {
            return customField(term, field.substring(3));
        }
        return switch (field) {
            case "id" -> {
                only(term, Op.EQ, Op.LT, Op.GT);
                yield "t.id " + term.op().symbol + " " + parameter(number(term));
            }
            case "queue" -> {
                only(term, Op.EQ);
                yield "t.queue = "
                        + parameter(label(
                                term,
                                Queue::parse,
                                Arrays.stream(Queue.values()).map(Queue::slug)));
            }
            case "status" -> {
                only(term, Op.EQ);
                yield "t.status = "
                        + parameter(label(
                                term,
                                Status::parse,
                                Arrays.stream(Status.values()).map(Status::label)));
            }
            case "tlp" -> {
                only(term, Op.EQ);
                yield "t.tlp = "
                        + parameter(label(
                                term, Tlp::parse, Arrays.stream(Tlp.values()).map(Tlp::name)));
            }
            case "owner" -> {
                only(term, Op.EQ, Op.CONTAINS);
                if (term.op() == Op.EQ && term.value().equalsIgnoreCase("nobody")) {
                    yield "t.owner is null";
                }
                yield text("t.owner", term, term.value());
            }
            case "site" -> {
                only(term, Op.EQ, Op.CONTAINS);
                yield text("t.site", term, term.value());
            }
            case "subject" -> {
                only(term, Op.EQ, Op.CONTAINS);
                yield text("t.subject", term, term.value());
            }
            case "requestor", "requestors" -> contact("requestors", term);
            case "cc" -> contact("cc", term);
            case "text", "content" -> {
                only(term, Op.EQ, Op.CONTAINS);
                yield fullText(term);
            }
            case "due" -> time("t.due", term);
            case "created" -> time("t.createdAt", term);
            case "updated" -> time("t.updatedAt", term);
            default -> feature(term);
        };
    }

    private String feature(Term term) {
        String condition = filters.get(term.field());
        if (condition == null) {
            TreeSet<String> known = new TreeSet<>(filters.keySet());
            throw TicketSql.error(
                    term.position(),
                    "a field (" + FIELDS + (known.isEmpty() ? "" : ", " + String.join(", ", known)) + ")",
                    "'" + term.field() + "'");
        }
        only(term, Op.EQ);
        Object value = NUMBER_FILTERS.contains(term.field()) ? number(term) : term.value();
        String name = parameter(value);
        return "(" + condition.replaceAll(":" + Pattern.quote(term.field()) + "\\b", Matcher.quoteReplacement(name))
                + ")";
    }

    private String text(String path, Term term, String value) {
        if (term.op() == Op.CONTAINS) {
            return "(" + path + " is not null and " + path + " like " + parameter(like(value)) + " escape '!')";
        }
        return "(" + path + " is not null and " + path + " = " + parameter(value) + ")";
    }

    private String contact(String collection, Term term) {
        only(term, Op.EQ, Op.CONTAINS);
        String address = term.value().toLowerCase(Locale.ROOT);
        if (term.op() == Op.EQ) {
            return parameter(address) + " member of t." + collection;
        }
        return "exists (select 1 from Ticket x join x." + collection + " a where x.id = t.id and a like "
                + parameter(like(address)) + " escape '!')";
    }

    private String customField(Term term, String name) {
        only(term, Op.EQ, Op.CONTAINS);
        String value = term.op() == Op.EQ
                ? "= " + parameter(term.value())
                : "like " + parameter(like(term.value())) + " escape '!'";
        return "exists (select 1 from Ticket x join x.customFields f where x.id = t.id and key(f) = " + parameter(name)
                + " and value(f) " + value + ")";
    }

    /** Before or after an instant; {@code =} with a date is that day (UTC), {@code <} before it, {@code >} after it. */
    private String time(String path, Term term) {
        only(term, Op.EQ, Op.LT, Op.GT);
        String value = term.value();
        if (value.length() == 10) {
            LocalDate day = date(term);
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            return switch (term.op()) {
                case LT -> "(" + path + " is not null and " + path + " < " + parameter(start) + ")";
                case GT -> "(" + path + " is not null and " + path + " >= " + parameter(end) + ")";
                default ->
                    "(" + path + " is not null and " + path + " >= " + parameter(start) + " and " + path + " < "
                            + parameter(end) + ")";
            };
        }
        Instant at = instant(term);
        return "(" + path + " is not null and " + path + " " + term.op().symbol + " " + parameter(at) + ")";
    }

    /**
     * Full text over the subject and the messages (the history's text: correspondence, comments, mail), by InnoDB's
     * FULLTEXT indexes in boolean mode: every word of the value must be there, a word ending in * is a prefix, and
     * a run of words joined by punctuation ({@code CVE-2026-1234}, {@code ssh-keygen}) is a phrase.
     */
    private String fullText(Term term) {
        String against = booleanMode(term.value());
        if (against.isEmpty()) {
            throw DomainException.invalid(
                    "query",
                    "at position " + term.position() + ": full text needs a word of " + MIN_WORD
                            + " letters or digits or more, found '" + term.value() + "'");
        }
        String name = parameter(against);
        fullText = true;
        return "(fulltext_match(t.subject, " + name + ") > 0 or t.id in (select h.ticket.id from HistoryEntry h"
                + " where fulltext_match(h.content, " + name + ") > 0))";
    }

    /** The caller's text as a boolean-mode search in which only this method's operators count. */
    static String booleanMode(String value) {
        List<String> required = new ArrayList<>();
        for (String chunk : value.strip().split("\\s+")) {
            List<String> words = new ArrayList<>();
            Matcher matcher = WORD.matcher(chunk);
            while (matcher.find()) {
                if (matcher.group().length() >= MIN_WORD) {
                    words.add(matcher.group());
                }
            }
            if (words.size() == 1) {
                required.add("+" + words.get(0) + (chunk.endsWith("*") ? "*" : ""));
            } else if (words.size() > 1) {
                required.add("+\"" + String.join(" ", words) + "\"");
            }
        }
        return String.join(" ", required);
    }

    private void only(Term term, Op... allowed) {
        if (!Arrays.asList(allowed).contains(term.op())) {
            List<String> symbols =
                    new ArrayList<>(Arrays.stream(allowed).map(op -> op.symbol).toList());
            if (symbols.contains("=")) {
                symbols.add(1, "!=");
            }
            throw TicketSql.error(
                    term.position(),
                    "one of " + String.join(" ", symbols) + " after '" + term.field() + "'",
                    "'" + term.op().symbol + "'");
        }
    }

    private static Long number(Term term) {
        String value = term.value().startsWith("#") ? term.value().substring(1) : term.value();
        if (!value.matches("\\d{1,18}")) {
            throw TicketSql.error(term.position(), "a number for '" + term.field() + "'", "'" + term.value() + "'");
        }
        return Long.valueOf(value);
    }

    private static <T> T label(Term term, Function<String, Optional<T>> parser, Stream<String> known) {
        return parser.apply(term.value())
                .orElseThrow(() -> TicketSql.error(
                        term.position(),
                        "one of " + known.toList() + " for '" + term.field() + "'",
                        "'" + term.value() + "'"));
    }

    private static LocalDate date(Term term) {
        try {
            return LocalDate.parse(term.value());
        } catch (DateTimeParseException e) {
            throw TicketSql.error(
                    term.position(),
                    "a date (2026-12-01) or a date and time (2026-12-01T14:00:00Z) for '" + term.field() + "'",
                    "'" + term.value() + "'");
        }
    }

    private static Instant instant(Term term) {
        try {
            return OffsetDateTime.parse(term.value()).toInstant();
        } catch (DateTimeParseException e) {
            throw TicketSql.error(
                    term.position(),
                    "a date (2026-12-01) or a date and time (2026-12-01T14:00:00Z) for '" + term.field() + "'",
                    "'" + term.value() + "'");
        }
    }

    private static String like(String value) {
        return "%" + TicketSearch.escapeLike(value) + "%";
    }

    private String parameter(Object value) {
        String name = "s" + (parameters.size() + 1);
        parameters.put(name, value);
        return ":" + name;
    }
}
