package org.csirtdesk.rt.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.csirtdesk.rt.entity.RtChange;
import org.csirtdesk.rt.entity.RtFile;
import org.csirtdesk.rt.entity.RtMessage;
import org.csirtdesk.rt.entity.RtQueue;
import org.csirtdesk.rt.entity.RtTicket;
import org.csirtdesk.rt.entity.RtTicketDraft;
import org.csirtdesk.rt.entity.RtTransaction;
import org.csirtdesk.rt.entity.RtUpdate;
import org.csirtdesk.rt.entity.RtUser;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * RT's REST2 API ({@code {csirt.rt.url}/REST/2.0}), cleaned of RT's quirks: JSON read as {@link JsonObject} (random
 * key order, ids as strings or numbers), dates in UTC out, in UTC for a ticket's own dates and in
 * {@code csirt.rt.timezone} for TicketSQL and date custom fields in (as RT 5.0.3 reads them), collections walked page
 * by page when RT does not say how many there are, refusals inside a 200 {@code PUT} found. Every call either answers,
 * throws {@link RtRefused} (RT said no; the same request gets the same answer) or {@link RtUnavailable} (try later;
 * {@link RtUnavailable#maybeDone()} says whether a write may have happened).
 *
 * <p>Signs in with {@code Authorization: token <t>} when a token is set; otherwise with RT's session cookie from its
 * login form, one session shared by all threads, renewed once when RT answers 401. Every request sends
 * {@code Referer: {url}/}: RT 5.0.3 refuses cookie-authenticated REST2 writes without it as cross-site forgery.
 *
 * <p>Fault tolerance: reads and the full-state {@code PUT} are retried on {@link RtUnavailable}; creation,
 * correspondence and comments never (a retry could make them twice). Each method has its circuit breaker, opened by
 * {@link RtUnavailable} only. The annotations' figures can be changed by MicroProfile Config
 * ({@code org.csirtdesk.rt.control.RtClient/<method>/Timeout/value}...); the HTTP timeouts are {@code csirt.rt.timeout}.
 */
@ApplicationScoped
@RtFailures
public class RtClient {

    private static final Logger LOG = Logger.getLogger(RtClient.class.getName());

    private static final String API = "/REST/2.0";
    private static final int PAGE_SIZE = 100;
    private static final Instant UNSET = Instant.EPOCH;
    private static final DateTimeFormatter RT_INPUT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NOBODY = "Nobody";

    /** A message of a {@code PUT} that reports a change made (checked first: a new value may contain any word). */
    private static final Pattern CHANGE_MADE = Pattern.compile(
            "(?is).*(\\bchanged (from|to)\\b|\\badded\\.?$|\\bdeleted\\.?$|is no longer a value for custom field"
                    + "|that is already the current value|link already exists|\\bmember of\\b|^$).*");

    /** A message of a {@code PUT} that reports a change refused. */
    private static final Pattern CHANGE_REFUSED = Pattern.compile(
            "(?is).*(can't|cannot|can not|couldn't|could not|isn't a valid|is not a valid|illegal|invalid"
                    + "|permission denied|no permission|not allowed|does not exist|doesn't exist|unable to|refused"
                    + "|failed|may not|not found|is required).*");

    @Inject
    RtSettings settings;

    private volatile Client client;
    private volatile String session;
    private final Map<String, RtUser> users = new ConcurrentHashMap<>();
    private final Map<String, String> queueNames = new ConcurrentHashMap<>();

    /** For CDI. */
    RtClient() {}

    /** For tests outside the server: the same client, its Fault Tolerance annotations inert. */
    RtClient(RtSettings settings) {
        this.settings = settings;
    }

    @PreDestroy
    void close() {
        Client open = client;
        if (open != null) {
            open.close();
        }
    }

    /** RT's version ({@code GET /REST/2.0/rt}), e.g. {@code 5.0.3+dfsg-3~deb12u6}: the start check and health. */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 500, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 4, delay = 10_000)
    public String version() {
        return text(get("/rt", Map.of()).object(), "Version");
    }

    /**
     * Creates a ticket and answers its id. Never retried here: on {@link RtUnavailable#maybeDone()} the caller looks
     * for it (by the desk's ticket custom field, {@link #findByField}) before creating again.
     */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 4, delay = 10_000)
    public long create(RtTicketDraft draft) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("Queue", draft.queue());
        if (draft.subject() != null) {
            body.add("Subject", draft.subject());
        }
        if (!draft.requestors().isEmpty()) {
            body.add("Requestor", json(draft.requestors(), ZoneOffset.UTC));
        }
        if (!draft.cc().isEmpty()) {
            body.add("Cc", json(draft.cc(), ZoneOffset.UTC));
        }
        if (draft.due() != null) {
            body.add("Due", ticketDate(draft.due()));
        }
        if (draft.content() != null) {
            body.add("Content", draft.content()).add("ContentType", draft.contentType());
        }
        if (!draft.customFields().isEmpty()) {
            body.add("CustomFields", json(draft.customFields(), settings.timezone()));
        }
        if (!draft.memberOf().isEmpty()) {
            // RT's ticket creation links the new ticket in the same transaction (RT::Ticket::Create's MemberOf).
            body.add("MemberOf", json(draft.memberOf(), ZoneOffset.UTC));
        }
        Reply reply = send("POST", uri("/ticket", Map.of()), body.build(), null);
        return createdId(reply, "ticket");
    }

    /** One ticket, with its queue by name and its requestors and Cc as e-mail addresses. */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public RtTicket ticket(long id) {
        Reply reply = get("/ticket/" + id, Map.of());
        JsonObject ticket = reply.object();
        Map<String, List<String>> customFields = new LinkedHashMap<>();
        for (JsonValue value : array(ticket, "CustomFields")) {
            JsonObject field = value.asJsonObject();
            List<String> values = new ArrayList<>();
            for (JsonValue each : array(field, "values")) {
                // A file custom field's value is an object: its file name stands for it.
                values.add(each instanceof JsonObject file ? text(file, "filename") : scalar(each));
            }
            customFields.put(text(field, "name"), values);
        }
        List<Long> memberOf = new ArrayList<>();
        for (JsonValue value : array(ticket, "_hyperlinks")) {
            JsonObject link = value.asJsonObject();
            if ("parent".equals(text(link, "ref")) && "ticket".equals(text(link, "type"))) {
                memberOf.add(number(link.get("id")));
            }
        }
        String owner = refId(ticket, "Owner");
        return new RtTicket(
                number(ticket.get("id")),
                queueName(refId(ticket, "Queue")),
                text(ticket, "Status"),
                text(ticket, "Subject"),
                owner == null || NOBODY.equals(owner) ? null : owner,
                Optional.ofNullable(instant(text(ticket, "Due"))).filter(due -> !due.equals(UNSET)),
                instant(text(ticket, "LastUpdated")),
                addresses(array(ticket, "Requestor")),
                addresses(array(ticket, "Cc")),
                customFields,
                memberOf,
                reply.etag());
    }

    /** {@link #update(long, RtUpdate)} without an ETag. */
    public void update(long id, Map<String, Object> changes) {
        update(id, new RtUpdate(changes));
    }

    /**
     * Changes a ticket ({@code PUT}). RT answers 200 with one message per change, also for a change it refused:
     * a refusal it words ("You can't change status from...", "... isn't a valid status", "Permission Denied",
     * "Could not...") throws {@link RtRefused} with status 200 and RT's words (other changes of the same request may
     * have been made); a message this client does not know makes it read the ticket back and compare. A stale
     * {@code If-Match} throws {@link RtRefused#stale()}.
     */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public void update(long id, RtUpdate update) {
        if (update.fields().isEmpty()) {
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder();
        // RT stores a ticket's own dates as given, in UTC; it reads custom-field dates in its user's zone.
        update.fields()
                .forEach((field, value) -> body.add(
                        field, json(value, "CustomFields".equals(field) ? settings.timezone() : ZoneOffset.UTC)));
        Reply reply = send("PUT", uri("/ticket/" + id, Map.of()), body.build(), update.ifMatch());
        List<String> messages = strings(reply.array());
        List<String> refused = new ArrayList<>();
        boolean unknown = false;
        for (String message : messages) {
            if (CHANGE_MADE.matcher(message).matches()) {
                continue;
            }
            if (CHANGE_REFUSED.matcher(message).matches()) {
                refused.add(message);
            } else {
                unknown = true;
            }
        }
        if (!refused.isEmpty()) {
            throw new RtRefused(200, refused);
        }
        if (unknown) {
            List<String> differences = differences(ticket(id), update.fields());
            if (!differences.isEmpty()) {
                List<String> words = new ArrayList<>(messages);
                words.addAll(differences);
                throw new RtRefused(200, words);
            }
        }
    }

    /**
     * Adds a correspondence (RT mails it to the requestors) and answers its transaction id. Never retried here. A
     * status change in the message that RT refuses is logged, not thrown: the correspondence itself was added, and an
     * exception would invite sending it twice.
     */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 4, delay = 10_000)
    public long correspond(long id, RtMessage message) {
        return addMessage(id, "correspond", message);
    }

    /** Adds a comment (internal, mailed to nobody outside) and answers its transaction id. Never retried here. */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 4, delay = 10_000)
    public long comment(long id, RtMessage message) {
        return addMessage(id, "comment", message);
    }

    /**
     * The tickets of these queues updated at or after {@code since} (to the second, compared by RT in
     * {@code csirt.rt.timezone}), oldest change first, at most {@code limit}. A ticket updated again while the pages
     * are walked may come twice or move to a later call: the caller moves its watermark by what it got.
     */
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public List<RtChange> changesSince(Instant since, List<String> queues, int limit) {
        if (limit < 1) {
            return List.of();
        }
        StringBuilder query = new StringBuilder();
        if (!queues.isEmpty()) {
            query.append('(');
            for (int i = 0; i < queues.size(); i++) {
                query.append(i == 0 ? "" : " OR ").append("Queue = ").append(quoted(queues.get(i)));
            }
            query.append(") AND ");
        }
        query.append("LastUpdated >= ").append(quoted(rtDate(since)));
        List<RtChange> changes = new ArrayList<>();
        int perPage = Math.min(PAGE_SIZE, limit);
        for (int page = 1; changes.size() < limit; page++) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("query", query.toString());
            parameters.put("fields", "LastUpdated");
            parameters.put("orderby", List.of("LastUpdated", "id"));
            parameters.put("order", List.of("ASC", "ASC"));
            parameters.put("per_page", perPage);
            parameters.put("page", page);
            JsonObject answer = get("/tickets", parameters).object();
            JsonArray items = array(answer, "items");
            for (JsonValue value : items) {
                JsonObject item = value.asJsonObject();
                if (changes.size() < limit) {
                    changes.add(new RtChange(number(item.get("id")), instant(text(item, "LastUpdated"))));
                }
            }
            if (items.isEmpty() || lastPage(answer, page)) {
                break;
            }
        }
        return changes;
    }

    /**
     * The ticket whose custom field has this value (TicketSQL {@code CF.{name} = 'value'}), the oldest if several.
     * Refuses a value or name that TicketSQL could not quote safely rather than quoting it wrong.
     */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public Optional<Long> findByField(String customField, String value) {
        if (customField == null
                || customField.isBlank()
                || customField.chars().anyMatch(c -> c == '{' || c == '}' || c == '\'' || c == '\\' || c < 0x20)) {
            throw new IllegalArgumentException("not a custom field name TicketSQL can carry: " + customField);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("query", "CF.{" + customField + "} = " + quoted(value));
        parameters.put("orderby", "id");
        parameters.put("order", "ASC");
        parameters.put("per_page", 1);
        JsonArray items = array(get("/tickets", parameters).object(), "items");
        return items.isEmpty()
                ? Optional.empty()
                : Optional.of(number(items.get(0).asJsonObject().get("id")));
    }

    /**
     * A ticket's history after a transaction, in id order. RT does not count a history (its {@code total} is null),
     * so the pages are walked until one is empty.
     */
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public List<RtTransaction> history(long ticketId, long afterTransactionId) {
        List<RtTransaction> transactions = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("fields", "Type,Creator,Created,Field,OldValue,NewValue");
            parameters.put("per_page", PAGE_SIZE);
            parameters.put("page", page);
            JsonObject answer =
                    get("/ticket/" + ticketId + "/history", parameters).object();
            JsonArray items = array(answer, "items");
            for (JsonValue value : items) {
                JsonObject item = value.asJsonObject();
                long id = number(item.get("id"));
                if (id > afterTransactionId) {
                    transactions.add(new RtTransaction(
                            id,
                            text(item, "Type"),
                            refId(item, "Creator"),
                            instant(text(item, "Created")),
                            Objects.toString(text(item, "Field"), ""),
                            Objects.toString(text(item, "OldValue"), ""),
                            Objects.toString(text(item, "NewValue"), "")));
                }
            }
            if (items.isEmpty() || lastPage(answer, page)) {
                break;
            }
        }
        transactions.sort(Comparator.comparingLong(RtTransaction::id));
        return transactions;
    }

    /**
     * The files attached to a transaction (its parts with a file name), in RT's order, with their bytes: listed in
     * the transaction's attachment collection, each read by {@code GET /attachment/<id>}, which gives the content
     * in base64 whatever its type.
     */
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public List<RtFile> files(long transactionId) {
        List<Long> attached = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonObject answer = attachmentsPage(transactionId, "Filename", page);
            JsonArray items = array(answer, "items");
            for (JsonValue value : items) {
                JsonObject part = value.asJsonObject();
                if (!Objects.toString(text(part, "Filename"), "").isEmpty()) {
                    attached.add(number(part.get("id")));
                }
            }
            if (items.isEmpty() || lastPage(answer, page)) {
                break;
            }
        }
        List<RtFile> files = new ArrayList<>();
        for (long id : attached) {
            JsonObject attachment = get("/attachment/" + id, Map.of()).object();
            files.add(new RtFile(
                    text(attachment, "Filename"),
                    Objects.toString(text(attachment, "ContentType"), "application/octet-stream"),
                    Base64.getMimeDecoder().decode(Objects.toString(text(attachment, "Content"), ""))));
        }
        return files;
    }

    /**
     * The text of a transaction (a correspondence's or a comment's): its first {@code text/plain} part that is no
     * attached file, or {@code ""}. In an attachment collection RT gives {@code Content} as text (only
     * {@code GET /attachment/<id>} gives it in base64).
     */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public String content(long transactionId) {
        String attachedText = null;
        for (int page = 1; ; page++) {
            JsonObject answer = attachmentsPage(transactionId, "ContentType,Filename,Content", page);
            JsonArray items = array(answer, "items");
            for (JsonValue value : items) {
                JsonObject part = value.asJsonObject();
                String type = Objects.toString(text(part, "ContentType"), "").toLowerCase(Locale.ROOT);
                if (!type.startsWith("text/plain")) {
                    continue;
                }
                String content = Objects.toString(text(part, "Content"), "");
                if (Objects.toString(text(part, "Filename"), "").isEmpty()) {
                    return content;
                }
                if (attachedText == null) {
                    attachedText = content;
                }
            }
            if (items.isEmpty() || lastPage(answer, page)) {
                return attachedText == null ? "" : attachedText;
            }
        }
    }

    /**
     * One page of a transaction's attachment collection, with the fields asked for (and each part's id). RT does not
     * count it, so a caller walks the pages until one is empty, unless it found what it looks for before.
     */
    private JsonObject attachmentsPage(long transactionId, String fields, int page) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("fields", fields);
        parameters.put("per_page", PAGE_SIZE);
        parameters.put("page", page);
        return get("/transaction/" + transactionId + "/attachments", parameters).object();
    }

    /**
     * A queue by name, empty when RT does not know it (or does not show it to this user): the start check's
     * "does it exist, with which lifecycle, which custom fields apply to its tickets".
     */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public Optional<RtQueue> queue(String name) {
        JsonObject queue;
        try {
            queue = get("/queue/" + segment(name), Map.of()).object();
        } catch (RtRefused e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
        Set<String> customFields = new LinkedHashSet<>();
        for (JsonValue value : array(queue, "TicketCustomFields")) {
            customFields.add(text(value.asJsonObject(), "name"));
        }
        RtQueue found = new RtQueue(
                number(queue.get("id")),
                text(queue, "Name"),
                text(queue, "Lifecycle"),
                "1".equals(text(queue, "Disabled")),
                customFields);
        queueNames.put(String.valueOf(found.id()), found.name());
        return Optional.of(found);
    }

    /**
     * A user by name or id (cached: RT's users do not change names). {@link RtRefused#notFound()} when unknown, and
     * {@link RtRefused} when RT will not show it.
     */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = RtUnavailable.class, abortOn = RtRefused.class)
    @CircuitBreaker(failOn = RtUnavailable.class, skipOn = RtRefused.class, requestVolumeThreshold = 8, delay = 10_000)
    public RtUser user(String nameOrId) {
        RtUser known = users.get(nameOrId);
        if (known != null) {
            return known;
        }
        JsonObject user = get("/user/" + segment(nameOrId), Map.of()).object();
        if (!user.containsKey("id")) {
            // RT shows a user it will not tell about (the application's RT user lacks ShowUserInfo or AdminUsers)
            // as a record without its fields: a refusal, like a 403, that asking again would not change.
            throw new RtRefused(200, List.of("RT does not show user " + nameOrId + " to the application's RT user"));
        }
        RtUser found = new RtUser(
                number(user.get("id")), text(user, "Name"), Objects.toString(text(user, "EmailAddress"), ""));
        users.put(nameOrId, found);
        users.put(found.name(), found);
        return found;
    }

    private long addMessage(long id, String kind, RtMessage message) {
        JsonObjectBuilder body =
                Json.createObjectBuilder().add("Content", message.content()).add("ContentType", message.contentType());
        if (message.subject() != null) {
            body.add("Subject", message.subject());
        }
        if (message.status() != null) {
            body.add("Status", message.status());
        }
        if (message.timeTaken() != null) {
            body.add("TimeTaken", message.timeTaken());
        }
        Reply reply = send("POST", uri("/ticket/" + id + "/" + kind, Map.of()), body.build(), null);
        if (message.status() != null && reply.body().trim().startsWith("[")) {
            for (String said : strings(reply.array())) {
                if (!CHANGE_MADE.matcher(said).matches()
                        && CHANGE_REFUSED.matcher(said).matches()) {
                    LOG.warning(() -> "RT ticket " + id + ": " + kind + " added, but RT refused its status "
                            + message.status() + ": " + said);
                }
            }
        }
        return createdId(reply, "transaction");
    }

    /** What RT shows after a {@code PUT} that differs from what was asked, one sentence each. */
    private List<String> differences(RtTicket ticket, Map<String, Object> asked) {
        List<String> differences = new ArrayList<>();
        asked.forEach((field, value) -> {
            String wanted = value instanceof Instant instant ? null : value == null ? null : value.toString();
            switch (field) {
                case "Status" -> {
                    if (wanted != null && !wanted.equalsIgnoreCase(ticket.status())) {
                        differences.add("Status is '" + ticket.status() + "', not '" + wanted + "'");
                    }
                }
                case "Subject" -> {
                    if (wanted != null && !wanted.equals(ticket.subject())) {
                        differences.add("Subject is '" + ticket.subject() + "', not '" + wanted + "'");
                    }
                }
                case "Owner" -> {
                    String owner = ticket.owner() == null ? NOBODY : ticket.owner();
                    if (wanted != null && !wanted.equals(owner)) {
                        differences.add("Owner is '" + owner + "', not '" + wanted + "'");
                    }
                }
                case "Due" -> {
                    if (value instanceof Instant due
                            && !ticket.due().equals(Optional.of(due.truncatedTo(ChronoUnit.SECONDS)))) {
                        differences.add(
                                "Due is " + ticket.due().map(Instant::toString).orElse("not set") + ", not " + due);
                    }
                }
                case "MemberOf" -> {
                    if (value instanceof Collection<?> parents) {
                        Set<String> wantedParents = new LinkedHashSet<>();
                        parents.forEach(parent -> wantedParents.add(String.valueOf(parent)));
                        Set<String> actual = new LinkedHashSet<>();
                        ticket.memberOf().forEach(parent -> actual.add(String.valueOf(parent)));
                        if (!wantedParents.equals(actual)) {
                            differences.add("MemberOf is " + actual + ", not " + wantedParents);
                        }
                    }
                }
                case "CustomFields" -> {
                    if (value instanceof Map<?, ?> fields) {
                        fields.forEach((name, fieldValue) -> {
                            List<String> actual = ticket.customFields().getOrDefault(String.valueOf(name), List.of());
                            boolean matches = fieldValue == null
                                    ? actual.isEmpty()
                                    : !(fieldValue instanceof String text) || actual.contains(text);
                            if (!matches) {
                                differences.add(name + " is " + actual + ", not '" + fieldValue + "'");
                            }
                        });
                    }
                }
                default -> {
                    // RT's other fields (Priority, TimeWorked...) come back transformed; their messages decide.
                }
            }
        });
        return differences;
    }

    private List<String> addresses(JsonArray refs) {
        List<String> addresses = new ArrayList<>();
        for (JsonValue value : refs) {
            JsonObject ref = value.asJsonObject();
            if (!"user".equals(text(ref, "type"))) {
                // A group as a watcher has no one address; the desk keeps people only.
                continue;
            }
            String name = text(ref, "id");
            if (name.contains("@")) {
                // RT names the users it creates from mail by their address.
                addresses.add(name);
            } else {
                String address = user(name).emailAddress();
                addresses.add(address.isEmpty() ? name : address);
            }
        }
        return addresses;
    }

    private String queueName(String idOrName) {
        if (idOrName == null || !idOrName.chars().allMatch(Character::isDigit)) {
            return idOrName;
        }
        String known = queueNames.get(idOrName);
        if (known != null) {
            return known;
        }
        String name = text(get("/queue/" + idOrName, Map.of()).object(), "Name");
        queueNames.put(idOrName, name);
        return name;
    }

    /** The id of what a POST created: RT's body ({@code {"id":"7"}} for a ticket) or its {@code Location}. */
    private static long createdId(Reply reply, String type) {
        if (reply.body().trim().startsWith("{")) {
            JsonValue id = reply.object().get("id");
            if (id != null && id.getValueType() != JsonValue.ValueType.NULL) {
                return number(id);
            }
        }
        String location = reply.location();
        String prefix = "/" + type + "/";
        int at = location == null ? -1 : location.lastIndexOf(prefix);
        if (at >= 0) {
            try {
                return Long.parseLong(location.substring(at + prefix.length()).replaceAll("/+$", ""));
            } catch (NumberFormatException e) {
                // falls through to the exception below
            }
        }
        throw new RtUnavailable(
                "RT created a " + type + " but named no id (Location " + location + ", body " + reply.body() + ")",
                true);
    }

    private static boolean lastPage(JsonObject answer, int page) {
        JsonValue pages = answer.get("pages");
        return pages instanceof JsonNumber known && page >= known.longValue();
    }

    // ---- HTTP

    private Reply get(String path, Map<String, Object> parameters) {
        return send("GET", uri(path, parameters), null, null);
    }

    private URI uri(String path, Map<String, Object> parameters) {
        StringBuilder uri =
                new StringBuilder(settings.url().toString()).append(API).append(path);
        char separator = '?';
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            Collection<?> values =
                    parameter.getValue() instanceof Collection<?> many ? many : List.of(parameter.getValue());
            for (Object value : values) {
                uri.append(separator)
                        .append(encode(parameter.getKey()))
                        .append('=')
                        .append(encode(String.valueOf(value)));
                separator = '&';
            }
        }
        return URI.create(uri.toString());
    }

    /**
     * One request, with the session renewed once if RT answers 401 to a cookie. RT's 4xx answers are
     * {@link RtRefused}, its 5xx and every failure to get an answer {@link RtUnavailable}.
     */
    private Reply send(String method, URI uri, JsonStructure body, String ifMatch) {
        boolean renewed = false;
        while (true) {
            String usedSession = settings.token().isPresent() ? null : session(null);
            Invocation.Builder request = client().target(uri)
                    .request(MediaType.APPLICATION_JSON_TYPE)
                    .header("Referer", settings.url() + "/");
            if (usedSession == null) {
                request.header("Authorization", "token " + settings.token().orElseThrow());
            } else {
                request.header("Cookie", usedSession);
            }
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            int status;
            Reply reply;
            try (Response response = body == null
                    ? request.method(method)
                    : request.method(
                            method,
                            Entity.entity(body.toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")))) {
                status = response.getStatus();
                reply = new Reply(
                        status,
                        Objects.toString(response.readEntity(String.class), ""),
                        response.getHeaderString("Location"),
                        response.getHeaderString("ETag"));
            } catch (ProcessingException e) {
                throw unavailable(method, uri, e);
            }
            if (status == 401) {
                if (usedSession != null && !renewed) {
                    renewed = true;
                    session(usedSession);
                    continue;
                }
                throw new RtUnavailable(
                        "RT " + method + " " + uri.getPath() + ": 401 "
                                + (usedSession == null ? "with the token of csirt.rt.token" : "after a fresh login"),
                        false);
            }
            if (status >= 500) {
                throw new RtUnavailable(
                        "RT " + method + " " + uri.getPath() + ": " + status + " " + reply.body(), true);
            }
            if (status >= 400) {
                throw new RtRefused(status, List.of(errorMessage(reply.body(), status)));
            }
            if (status >= 300) {
                throw new RtUnavailable(
                        "RT " + method + " " + uri.getPath() + ": unexpected " + status + " to " + reply.location(),
                        !"GET".equals(method));
            }
            return reply;
        }
    }

    /**
     * The session cookie to send ({@code RT_SID_...=...}), signing in when there is none or when the one that RT
     * just refused ({@code refused}) is still the current one. One sign-in at a time: threads that saw the same
     * cookie refused share the next one.
     */
    private synchronized String session(String refused) {
        if (session != null && !session.equals(refused)) {
            return session;
        }
        session = null;
        URI login = URI.create(settings.url() + "/NoAuth/Login.html");
        // A "next" page that RT does not know makes a successful login answer with a redirect to RT's start page;
        // without it RT answers 200 with its login page whether the password was right or not.
        Form form = new Form()
                .param("next", "csirt-desk")
                .param("user", settings.user().orElseThrow(() -> new RtUnavailable("csirt.rt.user is not set", false)))
                .param(
                        "pass",
                        settings.password()
                                .orElseThrow(() -> new RtUnavailable("csirt.rt.password is not set", false)));
        try (Response response = client().target(login)
                // The cookie comes with RT's redirect after the login; following it would lose it.
                .property("jersey.config.client.followRedirects", false)
                .request(MediaType.TEXT_HTML_TYPE)
                .header("Referer", settings.url() + "/")
                .post(Entity.form(form))) {
            String cookie = response.getCookies().values().stream()
                    .filter(candidate -> candidate.getName().startsWith("RT_SID_"))
                    .map(NewCookie::toCookie)
                    .map(found -> found.getName() + "=" + found.getValue())
                    .findFirst()
                    .orElse(null);
            int status = response.getStatus();
            if (status >= 500) {
                throw new RtUnavailable("RT's login answered " + status, false);
            }
            if (status < 300 || status >= 400 || cookie == null) {
                // RT answers a wrong password with its login page again (200), with an anonymous session.
                throw new RtUnavailable(
                        "RT refused the login of " + settings.user().orElse("?") + " (" + status + ")", false);
            }
            session = cookie;
            return cookie;
        } catch (ProcessingException e) {
            throw unavailable("POST", login, e);
        }
    }

    private Client client() {
        Client open = client;
        if (open == null) {
            synchronized (this) {
                open = client;
                if (open == null) {
                    long millis = settings.timeout().toMillis();
                    open = ClientBuilder.newBuilder()
                            .connectTimeout(millis, TimeUnit.MILLISECONDS)
                            .readTimeout(millis, TimeUnit.MILLISECONDS)
                            .build();
                    client = open;
                }
            }
        }
        return open;
    }

    /** A failure to get an answer, and whether RT may have got the request: only when it was surely never sent not. */
    private static RtUnavailable unavailable(String method, URI uri, ProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && !(cause instanceof ConnectException
                        || cause instanceof UnknownHostException
                        || cause instanceof NoRouteToHostException
                        || cause instanceof SocketTimeoutException)) {
            cause = cause.getCause();
        }
        boolean neverSent = cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException
                || (cause instanceof SocketTimeoutException
                        && Objects.toString(cause.getMessage(), "")
                                .toLowerCase(Locale.ROOT)
                                .contains("connect"));
        LOG.log(Level.FINE, e, () -> "RT " + method + " " + uri);
        return new RtUnavailable(
                "RT " + method + " " + uri.getPath() + ": " + cause.getClass().getSimpleName() + " "
                        + Objects.toString(cause.getMessage(), ""),
                !neverSent,
                e);
    }

    private static String errorMessage(String body, int status) {
        try {
            JsonStructure json = parse(body);
            if (json instanceof JsonObject object && object.get("message") != null) {
                return scalar(object.get("message")).trim();
            }
        } catch (JsonException e) {
            // RT's error pages are JSON; a proxy's are not: its text is the message.
        }
        return body.isBlank() ? "HTTP " + status : body.trim();
    }

    // ---- values

    /**
     * An instant as RT reads dates in TicketSQL and in date custom fields: {@code YYYY-MM-DD HH:MM:SS} in its user's
     * zone, {@code csirt.rt.timezone}.
     */
    private String rtDate(Instant instant) {
        return date(instant, settings.timezone());
    }

    /**
     * An instant as RT reads a ticket's own dates ({@code Due}, {@code Starts}...) on creation and update: in UTC
     * whatever the user's zone (RT::Ticket::Create parses them as ISO in UTC, and a {@code PUT} stores them as given).
     */
    private static String ticketDate(Instant instant) {
        return date(instant, ZoneOffset.UTC);
    }

    private static String date(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone)
                .format(RT_INPUT_DATE);
    }

    private static JsonValue json(Object value, ZoneId zone) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue given) {
            return given;
        }
        if (value instanceof Optional<?> optional) {
            return json(optional.orElse(null), zone);
        }
        if (value instanceof String text) {
            return Json.createValue(text);
        }
        if (value instanceof Instant instant) {
            return Json.createValue(date(instant, zone));
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return Json.createValue(new BigDecimal(number.toString()));
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Collection<?> values) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            values.forEach(each -> array.add(json(each, zone)));
            return array.build();
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, each) -> object.add(String.valueOf(key), json(each, zone)));
            return object.build();
        }
        return Json.createValue(value.toString());
    }

    /** A TicketSQL string literal; refuses what it could only quote wrong (quotes, backslashes, control characters). */
    static String quoted(String value) {
        if (value == null || value.chars().anyMatch(c -> c == '\'' || c == '"' || c == '\\' || c < 0x20)) {
            throw new IllegalArgumentException("not a value TicketSQL can carry safely: " + value);
        }
        return "'" + value + "'";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** One path segment: percent-encoded, a space as {@code %20} (a {@code +} is a space only in a query). */
    private static String segment(String text) {
        if (text == null || text.isEmpty() || text.contains("/")) {
            throw new IllegalArgumentException("not a name RT's address can carry: " + text);
        }
        return encode(text).replace("+", "%20");
    }

    private static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    /** A number that RT writes as a JSON number or as a string. */
    private static long number(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        if (value instanceof JsonString text) {
            try {
                return Long.parseLong(text.getString().trim());
            } catch (NumberFormatException e) {
                throw new RtUnavailable("RT answered a non-numeric id: " + text.getString(), false);
            }
        }
        throw new RtUnavailable("RT answered no id where one was expected: " + value, false);
    }

    private static String scalar(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        return value.toString();
    }

    private static String text(JsonObject object, String key) {
        return scalar(object.get(key));
    }

    /** The id of a nested reference {@code {"id":"...","type":...,"_url":...}}: a user's name, a queue's number. */
    private static String refId(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonObject ref) {
            return text(ref, "id");
        }
        return scalar(value);
    }

    private static JsonArray array(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        for (JsonValue value : array) {
            strings.add(Objects.toString(scalar(value), ""));
        }
        return strings;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new RtUnavailable("RT answered a date that is not ISO-8601 UTC: " + text, false);
        }
    }

    /** RT's answer to one request: status, body as text, and the headers that matter. */
    private record Reply(int status, String body, String location, String etag) {

        JsonObject object() {
            if (parsed() instanceof JsonObject object) {
                return object;
            }
            throw new RtUnavailable("RT answered " + status + " without the expected JSON object: " + body, true);
        }

        JsonArray array() {
            if (parsed() instanceof JsonArray array) {
                return array;
            }
            throw new RtUnavailable("RT answered " + status + " without the expected JSON array: " + body, true);
        }

        private JsonStructure parsed() {
            try {
                return parse(body);
            } catch (JsonException e) {
                return null;
            }
        }
    }
}
