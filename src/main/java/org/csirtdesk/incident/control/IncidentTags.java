package org.csirtdesk.incident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import org.csirtdesk.calendar.control.Calendars;
import org.csirtdesk.incident.entity.IncidentTag;

/**
 * SEC01-tag: the next tag of the day, from the day's counter row. The upsert takes the row's lock until the
 * opening transaction ends, so two openings on two instances at the same moment get two numbers; a rolled-back
 * opening gives its number back, so the day's tags have no gaps. LAST_INSERT_ID(expr) hands the new value back on
 * this connection without a second read (and the first of the day sets it too, so an older value of the connection
 * is never read).
 */
@ApplicationScoped
public class IncidentTags {

    @PersistenceContext
    EntityManager em;

    @Inject
    Calendars calendars;

    @Inject
    IncidentSettings settings;

    /** The tag of an incident opened now, the day taken in the CSIRT's time zone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IncidentTag next(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, calendars.zone());
        // Pending inserts flushed before the SELECT would set LAST_INSERT_ID to their own new ids.
        em.flush();
        em.createNativeQuery(
                        "INSERT INTO incident_tag_counters (tag_day, last_number) VALUES (:day, LAST_INSERT_ID(1)) "
                                + "ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)")
                .setParameter("day", day)
                .executeUpdate();
        int number = ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult()).intValue();
        return new IncidentTag(settings.tagPrefix(), day, number);
    }
}
