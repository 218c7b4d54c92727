package org.csirtdesk.security.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user of the API: a name, the hash of the password (never the password), roles. The name is what history
 * records as the actor, so it never changes. The rules of a new user (name, password length, roles) are
 * checked by {@code control.UserDraft}, which names every bad field at once, before one is made.
 */
@NamedQuery(
        name = User.COUNT_ENABLED_WITH_ROLE,
        query = "select count(u) from User u join u.roles r where u.enabled = true and r = :admin")
@NamedQuery(name = User.ALL, query = "select u from User u order by u.name")
@NamedQuery(name = User.COUNT, query = "select count(u) from User u")
@NamedQuery(name = User.BY_NAME, query = "select u from User u where u.name = :name")
@Entity
@Table(name = "users")
public class User {

    public static final String BY_NAME = "User.byName";

    public static final String COUNT = "User.count";

    public static final String ALL = "User.all";

    public static final String COUNT_ENABLED_WITH_ROLE = "User.countEnabledWithRole";

    /** Lower case, so that "Alice" and "alice" cannot be two people in the history; no ':' (HTTP Basic). */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public static final int MAX_EMAIL_LENGTH = 254;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, updatable = false, length = 64)
    private String name;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 16)
    private Set<Role> roles = new HashSet<>();

    @Column(name = "email", length = MAX_EMAIL_LENGTH)
    private String email;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 190)
    private String createdBy;

    @Version
    private long version;

    protected User() {}

    public User(
            String name,
            String passwordHash,
            Collection<Role> roles,
            String email,
            Instant createdAt,
            String createdBy) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.roles = new HashSet<>(roles);
        this.email = email;
        this.enabled = true;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        this.createdBy = createdBy;
    }

    public String name() {
        return name;
    }

    public long id() {
        return id;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** In the enum's order, whatever order the database returned them in. */
    public Set<Role> roles() {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public String email() {
        return email;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Caller caller() {
        return new Caller(name, roles());
    }

    /** Disabling keeps the user, so that history still names someone who exists; enabling gives them back. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void assignRoles(Collection<Role> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    public void changeEmail(String email) {
        this.email = email;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public long version() {
        return version;
    }
}
