package org.csirtdesk.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One change to a user, as an admin reads it back: who made it, when, and what changed, in words that never hold
 * a password. Written once; the database refuses to update or delete it (see the migration).
 */
@NamedQuery(
        name = UserChangeEntry.OF_USER,
        query = "select c from UserChangeEntry c where c.userId = :user order by c.id")
@Entity
@Immutable
@Table(name = "user_changes")
public class UserChangeEntry {

    public static final String OF_USER = "UserChangeEntry.ofUser";

    public static final int MAX_SUMMARY_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private long userId;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(nullable = false, updatable = false, length = 190)
    private String actor;

    @Column(nullable = false, updatable = false, length = MAX_SUMMARY_LENGTH)
    private String summary;

    protected UserChangeEntry() {}

    public UserChangeEntry(User user, Instant at, String actor, String summary) {
        this.userId = user.id();
        this.at = at;
        this.actor = actor;
        this.summary = summary.length() > MAX_SUMMARY_LENGTH ? summary.substring(0, MAX_SUMMARY_LENGTH) : summary;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String summary() {
        return summary;
    }
}
