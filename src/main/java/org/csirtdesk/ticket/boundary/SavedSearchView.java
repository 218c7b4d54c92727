package org.csirtdesk.ticket.boundary;

import java.time.Instant;
import org.csirtdesk.ticket.entity.SavedSearch;

/** A saved search as the API shows it; {@code mine} says whether the caller may change it. */
public record SavedSearchView(
        long id,
        String name,
        String query,
        String sort,
        boolean shared,
        String owner,
        boolean mine,
        Instant updated,
        long version) {

    static SavedSearchView of(SavedSearch search, String user) {
        return new SavedSearchView(
                search.id(),
                search.name(),
                search.query(),
                search.sort(),
                search.shared(),
                search.owner(),
                search.ownedBy(user),
                search.updatedAt(),
                search.version());
    }
}
