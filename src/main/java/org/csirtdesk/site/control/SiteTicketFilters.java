package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.csirtdesk.ticket.control.TicketFilters;

/** The ticket search by NGI: the tickets of that NGI's sites, from the local copy of the registry. */
@ApplicationScoped
public class SiteTicketFilters implements TicketFilters {

    @Override
    public Map<String, String> conditions() {
        return Map.of("ngi", "t.site in (select s.name from Site s where s.ngi = :ngi)");
    }
}
