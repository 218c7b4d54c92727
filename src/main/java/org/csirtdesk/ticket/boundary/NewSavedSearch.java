package org.csirtdesk.ticket.boundary;

import org.csirtdesk.platform.boundary.Input;
import org.csirtdesk.ticket.control.SavedSearches;
import org.csirtdesk.ticket.control.TicketSql;
import org.csirtdesk.ticket.entity.SavedSearch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A saved search as sent: its name, its query in the search language, its sort (as GET /api/tickets takes it). */
public record NewSavedSearch(
        @Schema(required = true) String name,
        @Schema(required = true) String query,
        String sort,
        Boolean shared) {

    SavedSearches.Draft checked() {
        Input input = new Input();
        String checkedName = input.text("name", name, SavedSearch.MAX_NAME, true);
        String checkedQuery = input.text("query", query, TicketSql.MAX_LENGTH, true);
        String checkedSort = input.text("sort", sort, SavedSearch.MAX_SORT, false);
        TicketsResource.sortKeys(input, checkedSort);
        input.check();
        return new SavedSearches.Draft(checkedName, checkedQuery, checkedSort, Boolean.TRUE.equals(shared));
    }
}
