package org.csirtdesk.ticket.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.csirtdesk.platform.entity.DomainException;

/**
 * The search language, close to RT's TicketSQL, read by hand (recursive descent) so that an error can say where it is
 * and what was expected:
 *
 * <pre>
 * query   := or
 * or      := and ("OR" and)*
 * and     := not (["AND"] not)*          -- two terms side by side are ANDed, as in RT's simple search
 * not     := "NOT" not | "(" or ")" | term
 * term    := field op value | value      -- a bare number is the ticket, a bare word is full text
 * field   := a name (queue, owner, ...) | cf.Name | cf.{Any Name} | cf."Any Name"
 * op      := "=" | "!=" | "~" | "&lt;" | "&gt;"
 * value   := word | "quoted" | 'quoted'  -- a backslash escapes the quote inside quotes
 * </pre>
 *
 * AND binds tighter than OR. The text is only read here: what a field means is {@link TicketSqlJpql}'s, and values
 * become named parameters there, never query text.
 */
public final class TicketSql {

    /** Longer queries are refused: a search box, not a program. */
    public static final int MAX_LENGTH = 2000;
    /** Nesting of parentheses and NOTs. */
    public static final int MAX_DEPTH = 20;
    /** Field comparisons in one query. */
    public static final int MAX_TERMS = 60;

    /** A parsed query. */
    public sealed interface Node permits And, Or, Not, Term {}

    public record And(List<Node> parts) implements Node {}

    public record Or(List<Node> parts) implements Node {}

    public record Not(Node part) implements Node {}

    /** One comparison; {@code field} is null for a bare value. Positions count from 1. */
    public record Term(String field, Op op, String value, int position) implements Node {}

    public enum Op {
        EQ("="),
        NE("!="),
        CONTAINS("~"),
        LT("<"),
        GT(">");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private enum Kind {
        WORD,
        QUOTED,
        OP,
        OPEN,
        CLOSE,
        END
    }

    private record Token(Kind kind, String text, int position) {

        boolean keyword(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        String shown() {
            return switch (kind) {
                case END -> "the end of the query";
                case QUOTED -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final List<Token> tokens;
    private int next;
    private int terms;

    private TicketSql(String text) {
        this.tokens = tokenize(text);
    }

    /** Reads a query; a query that cannot be read is a {@code query} error naming the position and what was expected. */
    public static Node parse(String query) {
        if (query == null || query.isBlank()) {
            throw DomainException.invalid("query", "is empty");
        }
        if (query.length() > MAX_LENGTH) {
            throw DomainException.invalid("query", "is longer than " + MAX_LENGTH + " characters");
        }
        TicketSql parser = new TicketSql(query);
        Node node = parser.or(0);
        Token last = parser.peek();
        if (last.kind != Kind.END) {
            throw error(last.position, "AND, OR or the end of the query", last.shown());
        }
        return node;
    }

    static DomainException error(int position, String expected, String found) {
        return DomainException.invalid(
                "query", "at position " + position + ": expected " + expected + ", found " + found);
    }

    private Node or(int depth) {
        List<Node> parts = new ArrayList<>();
        parts.add(and(depth));
        while (peek().keyword("OR")) {
            next++;
            parts.add(and(depth));
        }
        return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
    }

    private Node and(int depth) {
        List<Node> parts = new ArrayList<>();
        parts.add(not(depth));
        while (true) {
            Token token = peek();
            if (token.keyword("AND")) {
                next++;
                parts.add(not(depth));
            } else if (startsOperand(token)) {
                parts.add(not(depth));
            } else {
                break;
            }
        }
        return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
    }

    private static boolean startsOperand(Token token) {
        return switch (token.kind) {
            case OPEN, QUOTED -> true;
            case WORD -> !token.keyword("OR") && !token.keyword("AND");
            default -> false;
        };
    }

    private Node not(int depth) {
        Token token = peek();
        if (depth >= MAX_DEPTH) {
            throw DomainException.invalid(
                    "query", "at position " + token.position + ": nested deeper than " + MAX_DEPTH + " levels");
        }
        if (token.keyword("NOT")) {
            next++;
            return new Not(not(depth + 1));
        }
        if (token.kind == Kind.OPEN) {
            next++;
            Node inner = or(depth + 1);
            Token close = peek();
            if (close.kind != Kind.CLOSE) {
                throw error(close.position, "')' to close the '(' at position " + token.position, close.shown());
            }
            next++;
            return inner;
        }
        return term();
    }

    private Node term() {
        Token first = peek();
        if (first.kind != Kind.WORD && first.kind != Kind.QUOTED) {
            throw error(first.position, "a field, a value or '('", first.shown());
        }
        if (first.keyword("AND") || first.keyword("OR")) {
            throw error(first.position, "a field, a value or '('", first.shown());
        }
        if (++terms > MAX_TERMS) {
            throw DomainException.invalid(
                    "query", "at position " + first.position + ": more than " + MAX_TERMS + " terms");
        }
        next++;
        Token op = peek();
        if (op.kind != Kind.OP) {
            return new Term(null, Op.CONTAINS, first.text, first.position);
        }
        if (first.kind != Kind.WORD) {
            throw error(first.position, "a field name before '" + op.text + "'", first.shown());
        }
        next++;
        Token value = peek();
        if (value.kind != Kind.WORD && value.kind != Kind.QUOTED) {
            throw error(value.position, "a value after '" + op.text + "'", value.shown());
        }
        next++;
        return new Term(fieldName(first), operator(op), value.text, first.position);
    }

    private static String fieldName(Token token) {
        String name = token.text;
        int dot = name.indexOf('.');
        if (dot > 0 && name.substring(0, dot).equalsIgnoreCase("cf")) {
            String custom = name.substring(dot + 1);
            if (custom.startsWith("{") && custom.endsWith("}") && custom.length() > 2) {
                custom = custom.substring(1, custom.length() - 1);
            }
            if (custom.isBlank()) {
                throw error(token.position, "a custom field's name after 'cf.'", token.shown());
            }
            return "cf." + custom;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static Op operator(Token token) {
        for (Op op : Op.values()) {
            if (op.symbol.equals(token.text)) {
                return op;
            }
        }
        throw error(token.position, "one of = != ~ < >", token.shown());
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** The tokens; {@code cf."Name"} and {@code cf.{Name}} are one word, so custom field names may hold spaces. */
    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int position = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", position));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", position));
                i++;
            } else if (c == '!' || c == '=' || c == '~' || c == '<' || c == '>') {
                int end = i + 1;
                while (end < n && "!=~<>".indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                tokens.add(new Token(Kind.OP, text.substring(i, end), position));
                i = end;
            } else if (c == '"' || c == '\'') {
                StringBuilder value = new StringBuilder();
                i = quoted(text, i, value);
                tokens.add(new Token(Kind.QUOTED, value.toString(), position));
            } else {
                int end = i;
                StringBuilder word = new StringBuilder();
                while (end < n
                        && !Character.isWhitespace(text.charAt(end))
                        && "()!=~<>\"'".indexOf(text.charAt(end)) < 0) {
                    word.append(text.charAt(end));
                    end++;
                }
                String sofar = word.toString();
                if (sofar.regionMatches(true, 0, "cf.", 0, 3) && sofar.length() == 3 && end < n) {
                    char open = text.charAt(end);
                    if (open == '"' || open == '\'') {
                        StringBuilder name = new StringBuilder();
                        end = quoted(text, end, name);
                        sofar += "{" + name + "}";
                    }
                } else if (sofar.regionMatches(true, 0, "cf.{", 0, 4) && !sofar.endsWith("}")) {
                    int close = text.indexOf('}', end);
                    if (close < 0) {
                        throw error(n + 1, "'}' to close the custom field's name at position " + position, "the end");
                    }
                    sofar += text.substring(end, close + 1);
                    end = close + 1;
                }
                tokens.add(new Token(Kind.WORD, sofar, position));
                i = end;
            }
        }
        tokens.add(new Token(Kind.END, "", n + 1));
        return tokens;
    }

    /** Reads the quoted text starting at {@code start} into {@code value}; the index after the closing quote. */
    private static int quoted(String text, int start, StringBuilder value) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        throw error(text.length() + 1, "the closing " + quote + " of the text at position " + (start + 1), "the end");
    }
}
