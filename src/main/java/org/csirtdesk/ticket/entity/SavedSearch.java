package org.csirtdesk.ticket.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A search a user keeps: its query, its sort, and whether all staff see it. Only its owner changes it. */
@Entity
@NamedQuery(
        name = SavedSearch.VISIBLE_TO,
        query = "select s from SavedSearch s where s.owner = :user or s.shared = true order by lower(s.name), s.id")
@Table(name = "saved_searches")
public class SavedSearch {

    public static final String VISIBLE_TO = "SavedSearch.visibleTo";
    public static final int MAX_NAME = 100;
    public static final int MAX_SORT = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 190)
    private String owner;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(nullable = false, length = 2000)
    private String query;

    @Column(length = MAX_SORT)
    private String sort;

    @Column(nullable = false)
    private boolean shared;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected SavedSearch() {}

    public SavedSearch(String owner, String name, String query, String sort, boolean shared, Instant now) {
        this.owner = owner;
        this.createdAt = now;
        change(name, query, sort, shared, now);
    }

    public final void change(String name, String query, String sort, boolean shared, Instant now) {
        this.name = name;
        this.query = query;
        this.sort = sort;
        this.shared = shared;
        this.updatedAt = now;
    }

    public boolean ownedBy(String user) {
        return owner.equals(user);
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public String query() {
        return query;
    }

    public String sort() {
        return sort;
    }

    public boolean shared() {
        return shared;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
