package org.csirtdesk.campaign.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.csirtdesk.ticket.entity.ContactReplied;
import org.hibernate.annotations.Immutable;

/**
 * One response of a site on its case (SEC03-2.7), by mail or recorded by hand: who, when, what the site said and
 * its plan. Every response is kept, in order, for the OMB summary (SEC03-4.1.2); the case itself only remembers the
 * latest. Append-only: the database refuses changes.
 */
@NamedQuery(
        name = CaseResponse.OF_CASES,
        query = "select r from CaseResponse r where r.caseId in :ids order by r.caseId, r.id")
@Entity
@Immutable
@Table(name = "case_responses")
public class CaseResponse {

    public static final String OF_CASES = "CaseResponse.ofCases";

    /** The actor of a response that came by mail: {@code mail:} and the sender's address. */
    public static final String BY_MAIL = ContactReplied.BY_MAIL;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private long caseId;

    @Column(nullable = false, length = 190)
    private String actor;

    @Column(nullable = false)
    private Instant at;

    @Column
    private String statement;

    @Column
    private String plan;

    protected CaseResponse() {}

    public CaseResponse(long caseId, String actor, Instant at, String statement, String plan) {
        this.caseId = caseId;
        this.actor = actor;
        this.at = at.truncatedTo(ChronoUnit.MICROS);
        this.statement = statement;
        this.plan = plan;
    }

    public Long id() {
        return id;
    }

    public long caseId() {
        return caseId;
    }

    /** The person who recorded it, or {@link #BY_MAIL} and the address it came from. */
    public String actor() {
        return actor;
    }

    public boolean byMail() {
        return actor.startsWith(BY_MAIL);
    }

    public Instant at() {
        return at;
    }

    public String statement() {
        return statement;
    }

    public String plan() {
        return plan;
    }
}
