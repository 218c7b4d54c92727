package org.csirtdesk.ticket.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.ticket.entity.SavedSearch;

/**
 * Saved searches: each user's own, and those shared with all staff. Anyone on the staff runs a shared one; only its
 * owner renames, changes or deletes it. The query is checked as the search would run it, so a saved search runs.
 */
@ApplicationScoped
@Transactional
public class SavedSearches {

    /** What a search is made of, checked by the caller as far as text goes (lengths, sort). */
    public record Draft(String name, String query, String sort, boolean shared) {}

    @PersistenceContext
    EntityManager em;

    @Inject
    TicketSearch search;

    @Inject
    ApplicationClock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SavedSearch> visibleTo(String user) {
        return em.createNamedQuery(SavedSearch.VISIBLE_TO, SavedSearch.class)
                .setParameter("user", user)
                .getResultList();
    }

    public SavedSearch save(Draft draft, String user) {
        check(draft, user, null);
        SavedSearch saved =
                new SavedSearch(user, draft.name(), draft.query(), draft.sort(), draft.shared(), clock.instant());
        em.persist(saved);
        return saved;
    }

    public SavedSearch change(long id, Long version, Draft draft, String user) {
        SavedSearch saved = owned(id, user);
        if (version != null && version != saved.version()) {
            throw new DomainException(
                    DomainException.Kind.STALE_VERSION, "saved search #" + id + " changed since it was read");
        }
        check(draft, user, id);
        saved.change(draft.name(), draft.query(), draft.sort(), draft.shared(), clock.instant());
        // The new version, for the answer's ETag.
        em.flush();
        return saved;
    }

    public void delete(long id, String user) {
        em.remove(owned(id, user));
    }

    /** A shared search is everyone's to see: a search of someone else's that is not shared does not exist for them. */
    private SavedSearch owned(long id, String user) {
        SavedSearch saved = em.find(SavedSearch.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (saved == null || (!saved.ownedBy(user) && !saved.shared())) {
            throw DomainException.notFound("saved search #" + id);
        }
        if (!saved.ownedBy(user)) {
            throw new DomainException(
                    DomainException.Kind.NOT_PERMITTED,
                    "saved search #" + id + " is " + saved.owner() + "'s: only its owner changes or deletes it");
        }
        return saved;
    }

    private void check(Draft draft, String user, Long id) {
        search.check(TicketSql.parse(draft.query()));
        boolean taken = em.createQuery(
                                "select count(s) from SavedSearch s where s.owner = :user and s.name = :name and s.id <> :id",
                                Long.class)
                        .setParameter("user", user)
                        .setParameter("name", draft.name())
                        .setParameter("id", id == null ? -1L : id)
                        .getSingleResult()
                > 0;
        if (taken) {
            throw DomainException.conflict("name", "you already have a saved search named '" + draft.name() + "'");
        }
    }
}
