package org.csirtdesk.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.platform.entity.DomainException;

/**
 * Reads every JSON body once before the resource's reader does, and refuses what JSON libraries let through or
 * answer with their internals: bytes that are not UTF-8 (a reader would replace them silently), nesting deeper than
 * any request of the API needs, a key given twice in one object (the last would win: a ticket meant for one queue
 * would land in another), a NUL character in a key or a string, and anything but an object where the resource reads
 * an object (a merge patch {@code []} was a ClassCastException). A syntax error is named by where it is, without
 * the parser's tokens. The body is at most the size {@link BodyLimit} allows.
 */
@Provider
public class StrictJsonBody implements ReaderInterceptor {

    /** Deeper than any request of the API (an Alertmanager webhook is four levels), far below a stack's limit. */
    static final int MAX_DEPTH = 32;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        check(body, readsObject(context.getType()));
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type != null
                && (type.getSubtype().equalsIgnoreCase("json")
                        || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** Whether the resource reads the body as one object: a JSON object itself, or a type of its own (a record). */
    static boolean readsObject(Class<?> type) {
        if (type.isArray()
                || type.isPrimitive()
                || type.isEnum()
                || type == String.class
                || type == JsonValue.class
                || type == JsonStructure.class
                || type == JsonArray.class
                || Collection.class.isAssignableFrom(type)
                || InputStream.class.isAssignableFrom(type)
                || Reader.class.isAssignableFrom(type)) {
            return false;
        }
        return !type.getName().startsWith("java.") || Map.class.isAssignableFrom(type);
    }

    /** Refuses the body with every rule's reason naming the field; an empty or blank body is the resource's to judge. */
    static void check(byte[] body, boolean object) {
        String text = utf8(body);
        if (text.isBlank()) {
            return;
        }
        if (text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            check(parser, object);
        } catch (JsonParsingException syntax) {
            throw DomainException.invalid(
                    "body",
                    "is not JSON: it goes wrong at line " + syntax.getLocation().getLineNumber() + ", column "
                            + syntax.getLocation().getColumnNumber());
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw DomainException.invalid("body", "is not valid UTF-8");
        }
    }

    /** Where the parser is: the path of each open object or array, the keys seen in each open object. */
    private static final class Level {
        final String path;
        final Set<String> keys;
        String key;
        int index;

        Level(String path, boolean object) {
            this.path = path;
            this.keys = object ? new HashSet<>() : null;
        }

        /** The path of the value the parser is at in this level: {@code requestors[2]}, {@code customFields.IP}. */
        String child() {
            if (keys == null) {
                return path + "[" + index + "]";
            }
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    private static void check(JsonParser parser, boolean object) {
        Deque<Level> levels = new ArrayDeque<>();
        boolean first = true;
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            if (first && object && event != JsonParser.Event.START_OBJECT) {
                throw DomainException.invalid("body", "must be a JSON object");
            }
            first = false;
            Level level = levels.peek();
            switch (event) {
                case KEY_NAME -> {
                    String key = parser.getString();
                    level.key = key.replace("\0", "\\u0000");
                    if (key.indexOf('\0') >= 0) {
                        throw DomainException.invalid(level.child(), "the key contains a NUL character");
                    }
                    if (!level.keys.add(key)) {
                        throw DomainException.invalid(level.child(), "is given twice in the same object");
                    }
                }
                case START_OBJECT, START_ARRAY -> {
                    if (levels.size() >= MAX_DEPTH) {
                        throw DomainException.invalid("body", "nested too deep");
                    }
                    levels.push(new Level(level == null ? "" : level.child(), event == JsonParser.Event.START_OBJECT));
                }
                case END_OBJECT, END_ARRAY -> {
                    levels.pop();
                    next(levels.peek());
                }
                case VALUE_STRING -> {
                    if (parser.getString().indexOf('\0') >= 0) {
                        throw DomainException.invalid(
                                level == null ? "body" : level.child(), "contains a NUL character");
                    }
                    next(level);
                }
                default -> next(level);
            }
        }
    }

    /** After a value, an array's next value has the next index. */
    private static void next(Level level) {
        if (level != null && level.keys == null) {
            level.index++;
        }
    }
}
