package org.csirtdesk.ticket.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.IncidentLink;
import org.csirtdesk.ticket.entity.Lifecycle;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.TicketChanged;
import org.csirtdesk.ticket.entity.TicketReference;

/**
 * Every change to tickets goes through here, in one transaction each: the ticket is locked, changed
 * through its own guarded methods, and each accepted change is appended to its history. RT-IR's rules
 * between incidents and their children (links, cascading resolution, reopening) live here because they
 * span several tickets.
 */
@ApplicationScoped
@Transactional
public class Tickets {

    /**
     * One page of a search, with the total number of matches; {@code more}: there are more than {@code total} (a
     * search of the full text counts up to {@link #COUNTED_MATCHES} past the page's first).
     */
    public record Page(List<Ticket> items, int page, int size, long total, boolean more) {}

    /** The history's field of a reference, on the referring ticket and on the one referred to. */
    public static final String REFERS_TO = "refers to";

    public static final String REFERRED_TO_BY = "referred to by";

    /** How many matches of a full-text search are counted beyond the page's first one. */
    static final int COUNTED_MATCHES = 1_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    CustomFields customFields;

    @Inject
    TicketSearch search;

    @Inject
    Event<TicketChanged> changes;

    @Inject
    Instance<MergeRefusals> mergeRefusals;

    public Ticket create(TicketDraft draft, String actor) {
        Instant now = now();
        Queue queue = draft.queue();
        Long incident = draft.incident() == null ? null : checkedIncident(queue, draft.incident(), "incident");
        if (incident == null && queue.incidentLinks() == Queue.IncidentLinks.EXACTLY_ONE) {
            throw DomainException.invalid(
                    "incident",
                    "a ticket in " + queue.displayName() + " belongs to exactly one incident: give the incident's id");
        }
        Map<String, String> fields = customFields.normalize(queue, draft.customFields());

        Ticket ticket = new Ticket(queue, draft.subject(), draft.tlp(), now);
        ticket.describe(draft.owner(), draft.requestors(), draft.cc(), draft.due(), draft.site(), fields);
        em.persist(ticket);
        List<HistoryEntry> history = new ArrayList<>();
        history.add(HistoryEntry.created(ticket, actor, now, draft.content()));
        if (incident != null) {
            history.addAll(addLink(ticket, incident, actor, now));
        }
        history.forEach(this::append);
        return ticket;
    }

    public Ticket find(long id) {
        Ticket ticket = em.find(Ticket.class, id);
        if (ticket == null) {
            throw DomainException.notFound("ticket #" + id);
        }
        return ticket;
    }

    /** The ticket that answers for this one: itself, or the survivor of its merge (of the survivor's, and so on). */
    public Ticket survivorOf(Ticket ticket) {
        Ticket current = ticket;
        while (current.mergedInto().isPresent()) {
            current = find(current.mergedInto().get());
        }
        return current;
    }

    /** The ids of the tickets merged into this one, directly or through a ticket merged into it, in id order. */
    public List<Long> mergedInto(long survivorId) {
        List<Long> all = new ArrayList<>();
        List<Long> level = List.of(survivorId);
        while (!level.isEmpty()) {
            level = em.createNamedQuery(Ticket.MERGED_INTO, Long.class)
                    .setParameter("ids", level)
                    .getResultList();
            all.addAll(level);
        }
        return all.stream().sorted().toList();
    }

    /**
     * RT's merge of ticket {@code id} into {@code into} (see {@link Ticket#mergeInto}). Refused for a ticket that a
     * feature keeps by its number ({@link MergeRefusals}) and for an incident with children, which would be left
     * under a ticket that answers no more. A merged Incident Report's incidents are added to the survivor's; an
     * Investigation or Countermeasure survivor keeps its own incident.
     */
    public Ticket merge(long id, long into, Long expectedVersion, String actor) {
        if (id == into) {
            throw DomainException.invalid("into", "a ticket cannot be merged into itself");
        }
        List<Ticket> both = lockAll(List.of(Math.min(id, into), Math.max(id, into)), true);
        Ticket merged = both.stream()
                .filter(t -> t.id() == id)
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("ticket #" + id));
        Ticket survivor = both.stream()
                .filter(t -> t.id() == into)
                .findFirst()
                .orElseThrow(() -> DomainException.invalid("into", "ticket #" + into + " does not exist"));
        checkVersion(merged, expectedVersion);
        for (MergeRefusals feature : mergeRefusals) {
            feature.refusal(id).ifPresent(reason -> {
                throw DomainException.conflict("id", "ticket #" + id + " " + reason + ": it cannot be merged away");
            });
        }
        if (merged.queue() == Queue.INCIDENTS
                && !em.createNamedQuery(IncidentLink.CHILD_IDS_OF, Long.class)
                        .setParameter("incident", id)
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty()) {
            throw DomainException.conflict(
                    "id", "incident #" + id + " has tickets under it: link them to #" + into + " first, then merge");
        }
        Instant now = now();
        merged.mergeInto(survivor, actor, now).forEach(this::append);
        if (merged.queue().incidentLinks() == Queue.IncidentLinks.ANY_NUMBER) {
            List<Long> survivorsIncidents =
                    incidentsOf(into).stream().map(Ticket::id).toList();
            for (Ticket incident : incidentsOf(id)) {
                if (!survivorsIncidents.contains(incident.id())
                        && incident.mergedInto().isEmpty()) {
                    addLink(survivor, incident.id(), actor, now).forEach(this::append);
                }
            }
        }
        return flushed(survivor);
    }

    public Ticket update(long id, Long expectedVersion, TicketChanges changes, String actor) {
        Ticket ticket = lockForChange(id, expectedVersion);
        Instant now = now();
        Map<String, String> fields = customFields.normalize(ticket.queue(), changes.customFields());
        List<Optional<HistoryEntry>> history = new ArrayList<>();
        if (changes.subject() != null) {
            history.add(ticket.changeSubject(changes.subject().value(), actor, now));
        }
        if (changes.owner() != null) {
            history.add(ticket.changeOwner(changes.owner().value(), actor, now));
        }
        if (changes.due() != null) {
            history.add(ticket.changeDue(changes.due().value(), actor, now));
        }
        if (changes.tlp() != null) {
            history.add(ticket.changeTlp(changes.tlp().value(), actor, now));
        }
        if (changes.site() != null) {
            history.add(ticket.changeSite(changes.site().value(), actor, now));
        }
        if (changes.requestors() != null) {
            history.add(ticket.changeRequestors(changes.requestors().value(), actor, now));
        }
        if (changes.cc() != null) {
            history.add(ticket.changeCc(changes.cc().value(), actor, now));
        }
        fields.forEach((name, value) -> history.add(ticket.changeCustomField(name, value, actor, now)));
        history.stream().flatMap(Optional::stream).forEach(this::append);
        return flushed(ticket);
    }

    /** The actor takes an unowned ticket (409 if someone else owns it). */
    public Ticket take(long id, Long expectedVersion, String actor) {
        return changeOwner(id, expectedVersion, ticket -> ticket.take(actor, now()));
    }

    /** The actor takes the ticket from whoever owns it. */
    public Ticket steal(long id, Long expectedVersion, String actor) {
        return changeOwner(id, expectedVersion, ticket -> ticket.steal(actor, now()));
    }

    /** Take and steal: the locked ticket's change of owner, in its history when the owner changed. */
    private Ticket changeOwner(long id, Long expectedVersion, Function<Ticket, Optional<HistoryEntry>> change) {
        Ticket ticket = lockForChange(id, expectedVersion);
        change.apply(ticket).ifPresent(this::append);
        return flushed(ticket);
    }

    public Ticket addMessage(long id, Long expectedVersion, HistoryType type, String content, String actor) {
        return addMessage(id, expectedVersion, type, content, null, actor);
    }

    /** A reply or comment with the minutes worked on it (null: not said). */
    public Ticket addMessage(
            long id, Long expectedVersion, HistoryType type, String content, Integer timeWorked, String actor) {
        addMessageEntry(id, expectedVersion, type, content, timeWorked, actor);
        return find(id);
    }

    /**
     * A message as {@link #addMessage} records it, for a caller that keeps the message's history entry: the mail
     * gateway notes it on the mail that made it, the RT mirror the RT transaction it came from.
     */
    public HistoryEntry addMessageEntry(
            long id, Long expectedVersion, HistoryType type, String content, Integer timeWorked, String actor) {
        List<HistoryEntry> entries =
                lockForChange(id, expectedVersion).addMessage(type, content, timeWorked, actor, now());
        entries.forEach(this::append);
        em.flush();
        return entries.get(0);
    }

    /** The minutes worked on the ticket, on the tickets merged into it included. */
    public long timeWorked(long ticketId) {
        List<Long> tickets = new ArrayList<>(mergedInto(ticketId));
        tickets.add(ticketId);
        return minutesOn(tickets);
    }

    /** The minutes worked on an incident and on the tickets under it (merged ones included). */
    public long timeWorkedWithChildren(long incidentId) {
        List<Long> tickets = new ArrayList<>(mergedInto(incidentId));
        tickets.add(incidentId);
        tickets.addAll(em.createNamedQuery(IncidentLink.CHILD_IDS_OF, Long.class)
                .setParameter("incident", incidentId)
                .getResultList());
        return minutesOn(tickets);
    }

    private long minutesOn(List<Long> tickets) {
        return ((Number) em.createNamedQuery(HistoryEntry.TIME_WORKED_ON)
                        .setParameter("tickets", tickets)
                        .getSingleResult())
                .longValue();
    }

    /**
     * Changes a ticket's status by its lifecycle. Closing an incident closes its active children;
     * reopening a child reopens its closed incidents (RT-IR's rules).
     */
    public Ticket changeStatus(long id, Long expectedVersion, Status target, String note, String actor) {
        Ticket ticket = lockForChange(id, expectedVersion);
        Instant now = now();
        boolean wasActive = ticket.isActive();
        append(ticket.changeStatus(target, actor, now, note));
        if (ticket.queue() == Queue.INCIDENTS && wasActive && !ticket.isActive()) {
            closeChildren(ticket, actor, now);
        }
        if (ticket.queue() != Queue.INCIDENTS && !wasActive && ticket.isActive()) {
            reopenIncidents(ticket, actor, now);
        }
        return flushed(ticket);
    }

    /**
     * One change to many tickets, all or nothing: every ticket is locked (in id order) and checked first (it exists;
     * its lifecycle allows the status from where it is), and a refusal names each ticket that cannot take it and why,
     * changing none. Then each ticket changes as its own endpoints would change it (closing an incident closes its
     * children, reopening a child its incident), in one transaction. A ticket already in the status, or already
     * closed by an incident of the same batch, keeps it.
     *
     * @return the tickets after the change, in the order asked
     */
    public List<Ticket> bulk(BulkChange change, String actor) {
        List<Ticket> locked = lockAll(change.ids(), true);
        Map<Long, Ticket> byId = new HashMap<>();
        locked.forEach(ticket -> byId.put(ticket.id(), ticket));
        List<FieldError> missing = new ArrayList<>();
        List<FieldError> refused = new ArrayList<>();
        for (int i = 0; i < change.ids().size(); i++) {
            long id = change.ids().get(i);
            Ticket ticket = byId.get(id);
            String field = "ids[" + i + "]";
            if (ticket == null) {
                missing.add(new FieldError(field, "ticket #" + id + " does not exist"));
            } else if (change.status() != null && ticket.status() != change.status()) {
                Lifecycle lifecycle = ticket.queue().lifecycle();
                if (!lifecycle.has(change.status()) || !lifecycle.allows(ticket.status(), change.status())) {
                    refused.add(new FieldError(
                            field,
                            "ticket #" + id + " (" + ticket.queue().displayName() + ") cannot go from '"
                                    + ticket.status().label() + "' to '"
                                    + change.status().label() + "'"));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.INVALID_INPUT,
                    missing.size() + " of the tickets do not exist; nothing was changed",
                    missing);
        }
        if (!refused.isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICTING_STATE,
                    refused.size() + " of " + change.ids().size() + " tickets cannot be "
                            + change.status().label() + "; nothing was changed",
                    refused);
        }
        List<Ticket> changed = new ArrayList<>();
        for (long id : change.ids()) {
            Ticket ticket = byId.get(id);
            Instant now = now();
            if (change.owner() != null) {
                ticket.changeOwner(change.owner().value(), actor, now).ifPresent(this::append);
            }
            if (change.status() != null && ticket.status() != change.status()) {
                changeStatus(id, null, change.status(), change.reason(), actor);
            }
            if (change.comment() != null) {
                ticket.addMessage(HistoryType.COMMENT, change.comment(), actor, now)
                        .forEach(this::append);
            }
            changed.add(ticket);
        }
        em.flush();
        return changed;
    }

    private void closeChildren(Ticket incident, String actor, Instant now) {
        List<Long> childIds = em.createNamedQuery(IncidentLink.CHILD_IDS_OF, Long.class)
                .setParameter("incident", incident.id())
                .getResultList();
        String note = "incident #" + incident.id() + " was " + incident.status().label();
        for (Ticket child : lockAll(childIds, true)) {
            if (!child.isActive()
                    || child.mergedInto().isPresent()
                    || child.queue().incidentLinks() == Queue.IncidentLinks.ANY_NUMBER
                            && hasOtherActiveIncident(child, incident)) {
                continue;
            }
            append(child.changeStatus(child.queue().lifecycle().closedByIncident(), actor, now, note));
        }
    }

    private boolean hasOtherActiveIncident(Ticket child, Ticket closing) {
        return em.createNamedQuery(Ticket.COUNT_OTHER_ACTIVE_INCIDENTS, Long.class)
                        .setParameter("closing", closing.id())
                        .setParameter("active", activeStatuses())
                        .setParameter("child", child.id())
                        .getSingleResult()
                > 0;
    }

    private void reopenIncidents(Ticket child, String actor, Instant now) {
        String note = "reopened because #" + child.id() + " was reopened";
        List<Long> incidentIds = em.createNamedQuery(IncidentLink.INCIDENT_IDS_OF, Long.class)
                .setParameter("child", child.id())
                .getResultList();
        for (Ticket incident : lockAll(incidentIds, true)) {
            if (!incident.isActive()) {
                append(incident.changeStatus(Status.OPEN, actor, now, note));
            }
        }
    }

    private static List<Status> activeStatuses() {
        return Arrays.stream(Status.values()).filter(Lifecycle::isActive).toList();
    }

    /** Puts a child under an incident. An investigation or countermeasure moves from its old incident. */
    public Ticket link(long childId, long incidentId, Long expectedVersion, String actor) {
        Ticket child = lockForChange(childId, expectedVersion);
        checkedIncident(child.queue(), incidentId, "incident");
        Instant now = now();
        List<Ticket> current = incidentsOf(childId);
        if (current.stream().anyMatch(linked -> linked.id() == incidentId)) {
            return child;
        }
        if (child.queue().incidentLinks() == Queue.IncidentLinks.EXACTLY_ONE) {
            for (Ticket old : current) {
                removeLink(child, old.id(), actor, now);
            }
        }
        addLink(child, incidentId, actor, now).forEach(this::append);
        child.touch(now);
        return flushed(child);
    }

    public Ticket unlink(long childId, long incidentId, Long expectedVersion, String actor) {
        Ticket child = lockForChange(childId, expectedVersion);
        IncidentLink link = em.find(IncidentLink.class, new IncidentLink.Key(childId, incidentId));
        if (link == null) {
            throw DomainException.notFound("a link from ticket #" + childId + " to incident #" + incidentId);
        }
        if (child.queue().incidentLinks() == Queue.IncidentLinks.EXACTLY_ONE) {
            throw DomainException.conflict(
                    "incident",
                    "a ticket in " + child.queue().displayName()
                            + " belongs to exactly one incident: link it to another incident to move it");
        }
        removeLink(child, incidentId, actor, now());
        return flushed(child);
    }

    /**
     * RT's REFERS_TO from ticket {@code id} to {@code other}, of any queue: recorded in both histories, only the
     * referring ticket's row changes (as for incident links). Referring again is no change; a merged ticket is
     * referred to through its survivor.
     */
    public Ticket refer(long id, long other, Long expectedVersion, String actor) {
        if (id == other) {
            throw DomainException.invalid("ticket", "a ticket cannot refer to itself");
        }
        Ticket ticket = lockForChange(id, expectedVersion);
        Ticket target = em.find(Ticket.class, other);
        if (target == null) {
            throw DomainException.invalid("ticket", "ticket #" + other + " does not exist");
        }
        if (target.mergedInto().isPresent()) {
            throw DomainException.conflict(
                    "ticket",
                    "ticket #" + other + " was merged into #"
                            + target.mergedInto().get() + ": refer to #"
                            + target.mergedInto().get());
        }
        if (em.find(TicketReference.class, new TicketReference.Key(id, other)) != null) {
            return ticket;
        }
        Instant now = now();
        em.persist(new TicketReference(id, other, now));
        append(HistoryEntry.change(ticket, HistoryType.LINK, actor, now, REFERS_TO, null, "#" + other, null));
        append(HistoryEntry.change(target, HistoryType.LINK, actor, now, REFERRED_TO_BY, null, "#" + id, null));
        ticket.touch(now);
        return flushed(ticket);
    }

    public Ticket unrefer(long id, long other, Long expectedVersion, String actor) {
        Ticket ticket = lockForChange(id, expectedVersion);
        TicketReference reference = em.find(TicketReference.class, new TicketReference.Key(id, other));
        if (reference == null) {
            throw DomainException.notFound("a reference from ticket #" + id + " to #" + other);
        }
        Instant now = now();
        em.remove(reference);
        append(HistoryEntry.change(ticket, HistoryType.UNLINK, actor, now, REFERS_TO, "#" + other, null, null));
        append(HistoryEntry.change(
                em.getReference(Ticket.class, other),
                HistoryType.UNLINK,
                actor,
                now,
                REFERRED_TO_BY,
                "#" + id,
                null,
                null));
        ticket.touch(now);
        return flushed(ticket);
    }

    /** The references from and to these tickets. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TicketReference> referencesOf(Collection<Long> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(TicketReference.OF_TICKETS, TicketReference.class)
                .setParameter("tickets", tickets)
                .getResultList();
    }

    private Instant now() {
        return Instant.now(clock);
    }

    /**
     * Appends an entry to its ticket's history and tells the features that follow tickets (the RT ticket store,
     * the campaign's cases); every history entry is written here, so that none of them misses a change.
     */
    public void append(HistoryEntry entry) {
        em.persist(entry);
        changes.fire(TicketChanged.of(entry));
    }

    /**
     * Notes the number of the ticket's copy in RT. Not a change of the ticket (its version stays, so that nobody's
     * If-Match fails for it) and not in its history: a fact about where the ticket is kept.
     */
    public void placedInRt(long id, long rtId) {
        em.createNativeQuery("UPDATE tickets SET rt_id = :rtId WHERE id = :id")
                .setParameter("id", id)
                .setParameter("rtId", rtId)
                .executeUpdate();
    }

    /**
     * Links are recorded in both histories, but only the child's row changes: an incident gaining or
     * losing children is not an edit of the incident, and a campaign opening hundreds of investigations
     * at once must not queue them all on the incident's row.
     */
    private List<HistoryEntry> addLink(Ticket child, long incidentId, String actor, Instant now) {
        em.persist(new IncidentLink(child.id(), incidentId, now));
        return List.of(
                HistoryEntry.change(child, HistoryType.LINK, actor, now, "incident", null, "#" + incidentId, null),
                HistoryEntry.change(
                        em.getReference(Ticket.class, incidentId),
                        HistoryType.LINK,
                        actor,
                        now,
                        "child",
                        null,
                        "#" + child.id(),
                        null));
    }

    private void removeLink(Ticket child, long incidentId, String actor, Instant now) {
        em.remove(em.find(IncidentLink.class, new IncidentLink.Key(child.id(), incidentId)));
        child.touch(now);
        append(HistoryEntry.change(child, HistoryType.UNLINK, actor, now, "incident", "#" + incidentId, null, null));
        append(HistoryEntry.change(
                em.getReference(Ticket.class, incidentId),
                HistoryType.UNLINK,
                actor,
                now,
                "child",
                "#" + child.id(),
                null,
                null));
    }

    /**
     * The incident a ticket of {@code childQueue} may belong to, share-locked so that it cannot be closed
     * meanwhile while many children are added at once; or why it may not. Only its queue is read.
     */
    private long checkedIncident(Queue childQueue, long incidentId, String field) {
        if (childQueue.incidentLinks() == Queue.IncidentLinks.NONE) {
            throw DomainException.conflict(field, "an incident cannot belong to another incident");
        }
        List<?> rows = em.createNativeQuery(
                        "SELECT queue, merged_into FROM tickets WHERE id = :id LOCK IN SHARE MODE", Object[].class)
                .setParameter("id", incidentId)
                .getResultList();
        if (rows.isEmpty()) {
            throw DomainException.invalid(field, "ticket #" + incidentId + " does not exist");
        }
        Object[] row = (Object[]) rows.get(0);
        if (row[1] != null) {
            throw DomainException.conflict(
                    field, "incident #" + incidentId + " was merged into #" + row[1] + ": link to #" + row[1]);
        }
        Queue found = Queue.valueOf(row[0].toString());
        if (found != Queue.INCIDENTS) {
            throw DomainException.invalid(
                    field, "ticket #" + incidentId + " is in " + found.displayName() + ", not in Incidents");
        }
        return incidentId;
    }

    public List<Ticket> incidentsOf(long childId) {
        return em.createNamedQuery(Ticket.INCIDENTS_OF, Ticket.class)
                .setParameter("child", childId)
                .getResultList();
    }

    /** The incidents of many children at once, for a page of search results. */
    public Map<Long, List<Long>> incidentIdsOf(List<Long> childIds) {
        if (childIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Long>> result = new HashMap<>();
        em.createNamedQuery(IncidentLink.OF_CHILDREN, IncidentLink.class)
                .setParameter("children", childIds)
                .getResultList()
                .forEach(link -> result.computeIfAbsent(link.childId(), k -> new ArrayList<>())
                        .add(link.incidentId()));
        return result;
    }

    /** Which of these tickets wait for CSIRT's answer ({@link TicketSearch#waitingForCsirt()}), for a page at once. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<Long> waitingForCsirt(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery(
                        "select t.id from Ticket t where t.id in :ids and " + search.waitingForCsirt(), Long.class)
                .setParameter("ids", ticketIds)
                .getResultList());
    }

    /**
     * The history of the ticket that answers for this one ({@link #survivorOf}): its own entries and those of every
     * ticket merged into it, in the order they happened (each entry names its own ticket).
     */
    public List<HistoryEntry> history(long ticketId) {
        long survivor = survivorOf(find(ticketId)).id();
        List<Long> tickets = new ArrayList<>(mergedInto(survivor));
        tickets.add(survivor);
        return em.createNamedQuery(HistoryEntry.OF_TICKETS, HistoryEntry.class)
                .setParameter("tickets", tickets)
                .getResultList();
    }

    /**
     * One entry of the history {@link #history} shows for the ticket: the survivor's own, or of a ticket merged into
     * it; not found for any other, so that a ticket's URL reaches no other ticket's entries.
     */
    public HistoryEntry historyEntry(long ticketId, long entryId) {
        long survivor = survivorOf(find(ticketId)).id();
        HistoryEntry entry = em.find(HistoryEntry.class, entryId);
        if (entry == null
                || entry.ticketId() != survivor && !mergedInto(survivor).contains(entry.ticketId())) {
            throw DomainException.notFound("history entry " + entryId + " of ticket #" + ticketId);
        }
        return entry;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page search(TicketQuery query) {
        TicketSearch.Jpql jpql = search.build(query);
        if (jpql.fullText()) {
            return searchFullText(query, jpql);
        }
        TypedQuery<Ticket> select = em.createQuery(jpql.select(), Ticket.class);
        TypedQuery<Long> count = em.createQuery(jpql.count(), Long.class);
        jpql.parameters().forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<Ticket> items =
                select.setFirstResult(offset(query)).setMaxResults(query.size()).getResultList();
        long total = items.size() < query.size() && (query.page() == 1 || !items.isEmpty())
                ? (long) offset(query) + items.size()
                : count.getSingleResult();
        return new Page(items, query.page(), query.size(), total, false);
    }

    /**
     * A search of the full text by one statement: the ids from the page's first on, up to {@link #COUNTED_MATCHES}
     * more, then the page's tickets by id. InnoDB's full-text search finds every match before the first row is
     * returned, so the page and an exact count would each pay for all matches; beyond the cap the total is "more
     * than", as a search engine says. A page past the end counts, to say where the end is.
     */
    private Page searchFullText(TicketQuery query, TicketSearch.Jpql jpql) {
        TypedQuery<Long> select = em.createQuery(jpql.ids(), Long.class);
        jpql.parameters().forEach(select::setParameter);
        List<Long> ids = select.setFirstResult(offset(query))
                .setMaxResults(COUNTED_MATCHES + 1)
                .getResultList();
        if (ids.isEmpty() && query.page() > 1) {
            TypedQuery<Long> count = em.createQuery(jpql.count(), Long.class);
            jpql.parameters().forEach(count::setParameter);
            return new Page(List.of(), query.page(), query.size(), count.getSingleResult(), false);
        }
        boolean more = ids.size() > COUNTED_MATCHES;
        long total = (long) offset(query) + Math.min(ids.size(), COUNTED_MATCHES);
        List<Long> page = ids.subList(0, Math.min(ids.size(), query.size()));
        Map<Long, Ticket> byId = new HashMap<>();
        if (!page.isEmpty()) {
            em.createNamedQuery(Ticket.BY_IDS, Ticket.class)
                    .setParameter("ids", page)
                    .getResultList()
                    .forEach(ticket -> byId.put(ticket.id(), ticket));
        }
        return new Page(page.stream().map(byId::get).toList(), query.page(), query.size(), total, more);
    }

    private static int offset(TicketQuery query) {
        return (query.page() - 1) * query.size();
    }

    private Ticket lock(long id) {
        lockRows(List.of(id), true);
        return find(id);
    }

    /** Locks the rows (in id order, so that two callers cannot deadlock on them) and loads the tickets. */
    private List<Ticket> lockAll(List<Long> ids, boolean exclusive) {
        if (ids.isEmpty()) {
            return List.of();
        }
        lockRows(ids, exclusive);
        return em.createNamedQuery(Ticket.BY_IDS, Ticket.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /**
     * Locks ticket rows and nothing else. A locking read through Hibernate would lock the joined contact
     * and custom-field tables too, gaps included, and concurrent creations would then deadlock on them.
     * Locking first also means the entities read afterwards are the latest committed ones.
     */
    private void lockRows(List<Long> ids, boolean exclusive) {
        em.createNativeQuery("SELECT id FROM tickets WHERE id IN (:ids) ORDER BY id "
                        + (exclusive ? "FOR UPDATE" : "LOCK IN SHARE MODE"))
                .setParameter("ids", ids)
                .getResultList();
    }

    /** Locks the ticket row and checks the caller saw its current version (If-Match), when it says which. */
    private Ticket lockForChange(long id, Long expectedVersion) {
        Ticket ticket = lock(id);
        ticket.checkNotMerged();
        return checkVersion(ticket, expectedVersion);
    }

    private static Ticket checkVersion(Ticket ticket, Long expectedVersion) {
        long id = ticket.id();
        if (expectedVersion != null && expectedVersion != ticket.version()) {
            throw new DomainException(
                    DomainException.Kind.STALE_VERSION,
                    "ticket #" + id + " is at version " + ticket.version() + ", not " + expectedVersion
                            + ": read it again and reapply the change");
        }
        return ticket;
    }

    /** Flushes so that the answer carries the version the change produced. */
    private Ticket flushed(Ticket ticket) {
        em.flush();
        return ticket;
    }
}
