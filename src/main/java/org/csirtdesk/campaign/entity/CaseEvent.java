package org.csirtdesk.campaign.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.annotations.Immutable;

/** One thing that happened to a case, and who did it. Append-only: the database refuses changes. */
@NamedQuery(name = CaseEvent.OF_CASE, query = "select e from CaseEvent e where e.caseId = :case order by e.id")
@NamedQuery(
        name = CaseEvent.COUNT_OF_KIND,
        query = "select count(e) from CaseEvent e where e.caseId = :case and e.kind = :kind")
@NamedQuery(
        name = CaseEvent.LAST_OF_CASES,
        query = "select e from CaseEvent e where e.id in (select max(l.id) from CaseEvent l where l.caseId in :ids "
                + "group by l.caseId)")
@Entity
@Immutable
@Table(name = "case_events")
public class CaseEvent {

    public static final String LAST_OF_CASES = "CaseEvent.lastOfCases";

    public static final String COUNT_OF_KIND = "CaseEvent.countOfKind";

    public static final String OF_CASE = "CaseEvent.ofCase";

    /** What happened. */
    public enum Kind {
        OPENED,
        REINTRODUCED,
        TICKET_OPENED,
        /** The site answered a letter before its ticket was due: the ticket opened for the answer (SEC03-2.7). */
        TICKET_OPENED_FOR_REPLY,
        REMINDED,
        FINAL_WARNING,
        DEADLINE_PASSED,
        CLEARED,
        VULNERABLE_AGAIN,
        RESOLVED,
        EXTENDED,
        RECOMMENDED,
        VETOED,
        SITE_RESPONDED,
        /** A letter to the site bounced, for some or (the notice not given) every contact. */
        LETTER_BOUNCED,
        CSIRT_ANSWERED,
        SUSPENSION_CONFIRMED,
        SUSPENDED,
        SUSPENSION_FAILED,
        REINSTATEMENT_REQUESTED,
        REINSTATEMENT_VERIFIED,
        REINSTATEMENT_REFUSED,
        REINSTATED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Kind kind;

    @Column(nullable = false, length = 190)
    private String actor;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 2000)
    private String detail;

    protected CaseEvent() {}

    public CaseEvent(long caseId, Kind kind, String actor, Instant at, String detail) {
        this.caseId = caseId;
        this.kind = kind;
        this.actor = actor;
        this.at = at.truncatedTo(ChronoUnit.MICROS);
        this.detail = detail.length() > 2000 ? detail.substring(0, 1999) + "…" : detail;
    }

    public Long id() {
        return id;
    }

    public long caseId() {
        return caseId;
    }

    public Kind kind() {
        return kind;
    }

    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }

    public String detail() {
        return detail;
    }
}
