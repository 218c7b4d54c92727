package org.csirtdesk.site.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The local copy of an NGI: its security address ({@code SECURITY_EMAIL}) and its NGI Security Officers,
 * who are the NGI's security contact when the address is not set.
 */
@NamedQuery(name = Ngi.ALL, query = "select n from Ngi n")
@NamedQuery(name = Ngi.ALL_BY_NAME, query = "select n from Ngi n order by n.name")
@NamedQuery(name = Ngi.BY_NAME, query = "select n from Ngi n where n.name = :name")
@NamedQuery(
        name = Ngi.WITH_SECURITY_OFFICERS,
        query = "select distinct n from Ngi n left join fetch n.securityOfficers where n.name in :names")
@Entity
@Table(name = "ngis")
public class Ngi {

    public static final String WITH_SECURITY_OFFICERS = "Ngi.withSecurityOfficers";

    public static final String BY_NAME = "Ngi.byName";

    public static final String ALL_BY_NAME = "Ngi.allByName";

    public static final String ALL = "Ngi.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 100)
    private String name;

    @Column(length = 254)
    private String email;

    @Column(name = "security_email", length = 254)
    private String securityEmail;

    @Column(name = "confirmed_at", nullable = false)
    private Instant confirmedAt;

    @Column(name = "officers_confirmed_at")
    private Instant officersConfirmedAt;

    @Column(name = "absent_since")
    private Instant absentSince;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "ngi_contacts", joinColumns = @JoinColumn(name = "ngi_id"))
    private Set<Contact> securityOfficers = new HashSet<>();

    @Version
    private long version;

    protected Ngi() {}

    public Ngi(NgiRecord record, Instant at) {
        this.name = record.name();
        update(record, at);
    }

    public void update(NgiRecord record, Instant at) {
        email = record.email();
        securityEmail = record.securityEmail();
        confirmedAt = at;
        absentSince = null;
    }

    public void confirmSecurityOfficers(Collection<Contact> officers, Instant at) {
        if (!securityOfficers.equals(Set.copyOf(officers))) {
            securityOfficers.clear();
            securityOfficers.addAll(officers);
        }
        officersConfirmedAt = at;
    }

    public void markAbsent(Instant at) {
        if (absentSince == null) {
            absentSince = at;
        }
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public Optional<String> securityEmail() {
        return Optional.ofNullable(securityEmail);
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant officersConfirmedAt() {
        return officersConfirmedAt;
    }

    public Optional<Instant> absentSince() {
        return Optional.ofNullable(absentSince);
    }

    public Set<Contact> securityOfficers() {
        return Collections.unmodifiableSet(securityOfficers);
    }
}
