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
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.csirtdesk.platform.entity.DomainException;

/**
 * A ticket in one of RT-IR's queues. It guards its own status through its queue's lifecycle and
 * returns a {@link HistoryEntry} for every change it accepts; it is never deleted (RT-IR rejects or
 * abandons instead, and the database refuses a delete). Its contacts and custom fields are few and always
 * shown with it, so they load with it (in batches for a page of tickets).
 */
@NamedQuery(name = Ticket.BY_IDS, query = "select t from Ticket t where t.id in :ids order by t.id")
@NamedQuery(name = Ticket.INCIDENTS_OF, query = """
                select t from Ticket t where t.id in
                (select l.key.incidentId from IncidentLink l where l.key.childId = :child) order by t.id""")
@NamedQuery(name = Ticket.COUNT_OTHER_ACTIVE_INCIDENTS, query = """
                select count(t) from Ticket t where t.id <> :closing and t.status in :active and t.id in
                (select l.key.incidentId from IncidentLink l where l.key.childId = :child)""")
@NamedQuery(
        name = Ticket.COUNT_BY_QUEUE_AND_STATUS,
        query =
                "select t.queue, t.status, count(t) from Ticket t where t.mergedInto is null group by t.queue, t.status")
@NamedQuery(name = Ticket.MERGED_INTO, query = "select t.id from Ticket t where t.mergedInto in :ids order by t.id")
@Entity
@Table(name = "tickets")
public class Ticket {

    public static final String COUNT_BY_QUEUE_AND_STATUS = "Ticket.countByQueueAndStatus";

    public static final String COUNT_OTHER_ACTIVE_INCIDENTS = "Ticket.countOtherActiveIncidents";

    public static final String INCIDENTS_OF = "Ticket.incidentsOf";

    public static final String BY_IDS = "Ticket.byIds";

    public static final String MERGED_INTO = "Ticket.mergedInto";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 32)
    private Queue queue;

    @Column(nullable = false, length = 512)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Status status;

    @Column(length = 190)
    private String owner;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ticket_requestors", joinColumns = @JoinColumn(name = "ticket_id"))
    @Column(name = "email", length = 254)
    @OrderBy
    private Set<String> requestors = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ticket_cc", joinColumns = @JoinColumn(name = "ticket_id"))
    @Column(name = "email", length = 254)
    @OrderBy
    private Set<String> cc = new LinkedHashSet<>();

    @Column(name = "due_at")
    private Instant due;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Tlp tlp;

    @Column(length = 100)
    private String site;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ticket_custom_values", joinColumns = @JoinColumn(name = "ticket_id"))
    @MapKeyColumn(name = "name", length = 64)
    @Column(name = "value", length = CustomField.MAX_TEXT_LENGTH)
    private Map<String, String> customFields = new TreeMap<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The number of this ticket's copy in RT, when tickets are kept in RT (`csirt.tickets.store=rt`). */
    @Column(name = "rt_id", insertable = false, updatable = false)
    private Long rtId;

    /** The ticket this one was merged into (RT's merge), which answers for it; null while it stands on its own. */
    @Column(name = "merged_into")
    private Long mergedInto;

    @Version
    private long version;

    protected Ticket() {}

    public Ticket(Queue queue, String subject, Tlp tlp, Instant now) {
        this.queue = Objects.requireNonNull(queue);
        this.subject = Objects.requireNonNull(subject);
        this.tlp = Objects.requireNonNull(tlp);
        this.status = queue.lifecycle().initial();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Sets the initial values of a ticket not yet stored; its creation entry in the history stands for
     * them, so no entry is made per field.
     */
    public void describe(
            String owner,
            Collection<String> requestors,
            Collection<String> cc,
            Instant due,
            String site,
            Map<String, String> customFields) {
        if (id != null) {
            throw new IllegalStateException("ticket #" + id + " is stored: change it field by field");
        }
        this.owner = owner;
        this.requestors.addAll(requestors);
        this.cc.addAll(cc);
        this.due = due;
        this.site = site;
        customFields.forEach((name, value) -> {
            if (value != null) {
                this.customFields.put(name, value);
            }
        });
    }

    /**
     * Moves the ticket along its lifecycle.
     *
     * @throws DomainException (conflict on field {@code status}) when the lifecycle has no such transition
     */
    public HistoryEntry changeStatus(Status target, String actor, Instant now, String note) {
        Lifecycle lifecycle = queue.lifecycle();
        if (!lifecycle.has(target)) {
            throw DomainException.conflict(
                    "status",
                    "'" + target.label() + "' is not a status of the " + queue.displayName()
                            + " queue; its statuses are " + labels(lifecycle.statuses()));
        }
        if (!lifecycle.allows(status, target)) {
            throw DomainException.conflict(
                    "status",
                    "a ticket in " + queue.displayName() + " cannot go from '"
                            + status.label() + "' to '" + target.label() + "'; from '" + status.label()
                            + "' it may go to "
                            + labels(lifecycle.allowedFrom(status)));
        }
        Status old = status;
        status = target;
        updatedAt = now;
        return HistoryEntry.change(this, HistoryType.STATUS, actor, now, "status", old.label(), target.label(), note);
    }

    private static String labels(Collection<Status> statuses) {
        return statuses.isEmpty()
                ? "nowhere"
                : statuses.stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(", "));
    }

    public boolean isActive() {
        return Lifecycle.isActive(status);
    }

    public Optional<HistoryEntry> changeSubject(String newSubject, String actor, Instant now) {
        String old = subject;
        subject = Objects.requireNonNull(newSubject);
        return recordField("subject", old, newSubject, actor, now);
    }

    public Optional<HistoryEntry> changeOwner(String newOwner, String actor, Instant now) {
        String old = owner;
        owner = newOwner;
        if (Objects.equals(old, newOwner)) {
            return Optional.empty();
        }
        updatedAt = now;
        return Optional.of(HistoryEntry.change(this, HistoryType.OWNER, actor, now, "owner", old, newOwner, null));
    }

    /**
     * RT's Take: the caller becomes the owner of an unowned ticket. A ticket someone else owns is refused, so that
     * nobody takes over another's work by accident: {@link #steal} says so on purpose.
     */
    public Optional<HistoryEntry> take(String actor, Instant now) {
        if (owner != null && !owner.equals(actor)) {
            throw DomainException.conflict("owner", "ticket #" + id + " is owned by " + owner + ": steal it instead");
        }
        return changeOwner(actor, now);
    }

    /** RT's Steal: the caller becomes the owner, whoever owned the ticket; the history keeps who had it. */
    public Optional<HistoryEntry> steal(String actor, Instant now) {
        return changeOwner(actor, now);
    }

    private Optional<HistoryEntry> changeOwner(String actor, Instant now) {
        return changeOwner(actor, actor, now);
    }

    public Optional<HistoryEntry> changeDue(Instant newDue, String actor, Instant now) {
        Instant old = due;
        due = newDue;
        return recordField("due", Objects.toString(old, null), Objects.toString(newDue, null), actor, now);
    }

    public Optional<HistoryEntry> changeTlp(Tlp newTlp, String actor, Instant now) {
        Tlp old = tlp;
        tlp = Objects.requireNonNull(newTlp);
        return recordField("tlp", old.name(), newTlp.name(), actor, now);
    }

    public Optional<HistoryEntry> changeSite(String newSite, String actor, Instant now) {
        String old = site;
        site = newSite;
        return recordField("site", old, newSite, actor, now);
    }

    public Optional<HistoryEntry> changeRequestors(Collection<String> emails, String actor, Instant now) {
        String old = String.join(", ", requestors);
        requestors.clear();
        requestors.addAll(emails);
        return recordField("requestors", old, String.join(", ", requestors), actor, now);
    }

    public Optional<HistoryEntry> changeCc(Collection<String> emails, String actor, Instant now) {
        String old = String.join(", ", cc);
        cc.clear();
        cc.addAll(emails);
        return recordField("cc", old, String.join(", ", cc), actor, now);
    }

    /** Sets a custom field to a value already normalized by its {@link CustomField}; null clears it. */
    public Optional<HistoryEntry> changeCustomField(String name, String value, String actor, Instant now) {
        String old = value == null ? customFields.remove(name) : customFields.put(name, value);
        return recordField("cf." + name, old, value, actor, now);
    }

    private Optional<HistoryEntry> recordField(String field, String old, String newValue, String actor, Instant now) {
        if (Objects.equals(emptyToNull(old), emptyToNull(newValue))) {
            return Optional.empty();
        }
        updatedAt = now;
        return Optional.of(HistoryEntry.change(this, HistoryType.FIELD, actor, now, field, old, newValue, null));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Records a message on the ticket; RT opens a new ticket on its first correspondence. */
    public List<HistoryEntry> addMessage(HistoryType type, String content, String actor, Instant now) {
        return addMessage(type, content, null, actor, now);
    }

    /** Records a message with the minutes worked on it ({@link HistoryEntry#message}'s bounds). */
    public List<HistoryEntry> addMessage(
            HistoryType type, String content, Integer timeWorked, String actor, Instant now) {
        HistoryEntry message = HistoryEntry.message(this, type, actor, now, content, timeWorked);
        updatedAt = now;
        Status next = type == HistoryType.CORRESPOND ? queue.lifecycle().afterCorrespondence(status) : status;
        if (next == status) {
            return List.of(message);
        }
        return List.of(message, changeStatus(next, actor, now, "opened by the first correspondence"));
    }

    /**
     * RT's merge of this ticket into {@code survivor}: this one keeps its rows and its history, and is marked as merged
     * so that the survivor answers for it; the survivor gains its requestors and Cc. RT-IR merges tickets of one queue
     * only (an Investigation is not a Report), and a merged ticket neither merges again nor takes another in.
     *
     * @return the entries of both histories: the MERGE of each, then the survivor's contact changes
     * @throws DomainException (field {@code into}) when the rules forbid it
     */
    public List<HistoryEntry> mergeInto(Ticket survivor, String actor, Instant now) {
        if (Objects.equals(id, survivor.id)) {
            throw DomainException.invalid("into", "a ticket cannot be merged into itself");
        }
        if (mergedInto != null) {
            throw DomainException.conflict("into", "ticket #" + id + " was merged into #" + mergedInto + " already");
        }
        if (survivor.mergedInto != null) {
            throw DomainException.conflict(
                    "into",
                    "ticket #" + survivor.id + " was merged into #" + survivor.mergedInto + ": merge into #"
                            + survivor.mergedInto + " instead");
        }
        if (queue != survivor.queue) {
            throw DomainException.conflict(
                    "into",
                    "ticket #" + id + " is in " + queue.displayName() + " and #" + survivor.id + " in "
                            + survivor.queue.displayName() + ": tickets are merged within one queue only, as in RT-IR");
        }
        mergedInto = survivor.id;
        updatedAt = now;
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(HistoryEntry.change(
                this,
                HistoryType.MERGE,
                actor,
                now,
                "into",
                null,
                "#" + survivor.id,
                "merged into #" + survivor.id + ", which answers for it from now on"));
        entries.add(HistoryEntry.change(
                survivor,
                HistoryType.MERGE,
                actor,
                now,
                "merged",
                null,
                "#" + id,
                "#" + id + " (" + subject + ") was merged into this ticket"));
        Set<String> requestorsOfBoth = new LinkedHashSet<>(survivor.requestors);
        requestorsOfBoth.addAll(requestors);
        Set<String> ccOfBoth = new LinkedHashSet<>(survivor.cc);
        ccOfBoth.addAll(cc);
        ccOfBoth.removeAll(requestorsOfBoth);
        survivor.changeRequestors(requestorsOfBoth, actor, now).ifPresent(entries::add);
        survivor.changeCc(ccOfBoth, actor, now).ifPresent(entries::add);
        survivor.updatedAt = now;
        return entries;
    }

    /**
     * A merged ticket changes no more: its survivor takes every change.
     *
     * @throws DomainException (conflict) when this ticket was merged
     */
    public void checkNotMerged() {
        if (mergedInto != null) {
            throw DomainException.conflict(
                    "id", "ticket #" + id + " was merged into #" + mergedInto + ": change #" + mergedInto + " instead");
        }
    }

    public Optional<Long> mergedInto() {
        return Optional.ofNullable(mergedInto);
    }

    /** A link or unlink changes the ticket as far as its readers are concerned. */
    public void touch(Instant now) {
        updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Optional<Long> rtId() {
        return Optional.ofNullable(rtId);
    }

    public Queue queue() {
        return queue;
    }

    public String subject() {
        return subject;
    }

    public Status status() {
        return status;
    }

    public String owner() {
        return owner;
    }

    public List<String> requestors() {
        return List.copyOf(requestors);
    }

    public List<String> cc() {
        return List.copyOf(cc);
    }

    public Instant due() {
        return due;
    }

    public Tlp tlp() {
        return tlp;
    }

    public String site() {
        return site;
    }

    public Map<String, String> customFields() {
        return Collections.unmodifiableMap(new TreeMap<>(customFields));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
