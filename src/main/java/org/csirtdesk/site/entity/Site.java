package org.csirtdesk.site.entity;

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
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The local copy of one site of the registry. It is written only by a refresh (or by the read-back of a
 * status change) and never deleted: a site the registry stops listing is marked absent. Each part carries
 * the time the registry last confirmed it, so that a reader sees how fresh the contacts it mails are.
 */
@NamedQuery(name = Site.ALL, query = "select s from Site s")
@NamedQuery(name = Site.COUNT_PRESENT, query = "select count(s) from Site s where s.absentSince is null")
@NamedQuery(
        name = Site.WITH_CONTACTS,
        query = "select distinct s from Site s left join fetch s.contacts where s.name in :names")
@NamedQuery(
        name = Site.NAMES_OF_HOSTS,
        query = "select h.hostname, s.name from Site s join s.hosts h where h.hostname in :hosts "
                + "order by s.absentSince asc nulls last, s.name desc")
@NamedQuery(name = Site.KNOWN_NAMES, query = "select s.name from Site s where s.name in :names")
@NamedQuery(
        name = Site.OF_HOST,
        query = "select distinct s from Site s join s.hosts h where h.hostname = :host "
                + "order by s.absentSince nulls first, s.name")
@NamedQuery(name = Site.BY_NAME, query = "select s from Site s where s.name = :name")
@Entity
@Table(name = "sites")
public class Site {

    public static final String BY_NAME = "Site.byName";

    public static final String OF_HOST = "Site.ofHost";

    public static final String KNOWN_NAMES = "Site.knownNames";

    public static final String NAMES_OF_HOSTS = "Site.namesOfHosts";

    public static final String WITH_CONTACTS = "Site.withContacts";

    public static final String COUNT_PRESENT = "Site.countPresent";

    public static final String ALL = "Site.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "primary_key", nullable = false, updatable = false, length = 32)
    private String primaryKey;

    @Column(name = "gocdb_id", length = 32)
    private String gocdbId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "official_name", length = 255)
    private String officialName;

    @Column(nullable = false, length = 100)
    private String ngi;

    @Column(name = "country_code", length = 8)
    private String countryCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "certification_status", nullable = false, length = 16)
    private CertificationStatus certificationStatus;

    @Column(name = "production_infrastructure", length = 32)
    private String productionInfrastructure;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    @Column(name = "contact_email", length = 254)
    private String contactEmail;

    @Column(name = "csirt_email", length = 254)
    private String csirtEmail;

    @Column(name = "portal_url", length = 512)
    private String portalUrl;

    @Column(length = 253)
    private String domain;

    @Column(name = "confirmed_at", nullable = false)
    private Instant confirmedAt;

    @Column(name = "security_confirmed_at")
    private Instant securityConfirmedAt;

    @Column(name = "contacts_confirmed_at")
    private Instant contactsConfirmedAt;

    @Column(name = "hosts_confirmed_at")
    private Instant hostsConfirmedAt;

    @Column(name = "absent_since")
    private Instant absentSince;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "site_contacts", joinColumns = @JoinColumn(name = "site_id"))
    private Set<Contact> contacts = new HashSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "site_hosts", joinColumns = @JoinColumn(name = "site_id"))
    private Set<Host> hosts = new HashSet<>();

    @Version
    private long version;

    protected Site() {}

    public Site(SiteRecord record, Instant confirmedAt) {
        this.primaryKey = record.primaryKey();
        update(record, confirmedAt);
    }

    /**
     * The registry's description of the site as a refresh read it at {@code at}; it is listed again if it was
     * absent. A status read back after that moment (a status change confirmed while the refresh was reading)
     * is newer than the refresh's and stays.
     */
    public void update(SiteRecord record, Instant at) {
        if (confirmedAt == null || !confirmedAt.isAfter(at)) {
            certificationStatus = record.status();
            confirmedAt = at;
        }
        gocdbId = record.gocdbId();
        name = record.name();
        officialName = record.officialName();
        ngi = record.ngi();
        countryCode = record.countryCode();
        productionInfrastructure = record.productionInfrastructure();
        timeZone = record.timeZone();
        contactEmail = record.contactEmail();
        csirtEmail = record.csirtEmail();
        portalUrl = record.portalUrl();
        domain = record.domain();
        absentSince = null;
    }

    /** The site's CSIRT address from the registry's security information. */
    public void confirmSecurityContact(String email, Instant at) {
        csirtEmail = email;
        securityConfirmedAt = at;
    }

    public void confirmContacts(Collection<Contact> current, Instant at) {
        if (!contacts.equals(Set.copyOf(current))) {
            contacts.clear();
            contacts.addAll(current);
        }
        contactsConfirmedAt = at;
    }

    public void confirmHosts(Collection<Host> current, Instant at) {
        if (!hosts.equals(Set.copyOf(current))) {
            hosts.clear();
            hosts.addAll(current);
        }
        hostsConfirmedAt = at;
    }

    /** The registry no longer lists the site; its data stays, for the tickets that name it. */
    public void markAbsent(Instant at) {
        if (absentSince == null) {
            absentSince = at;
        }
    }

    /** A status read back from the registry outside a full refresh. */
    public void confirmStatus(CertificationStatus status, Instant at) {
        certificationStatus = status;
        confirmedAt = at;
    }

    public Long id() {
        return id;
    }

    public String primaryKey() {
        return primaryKey;
    }

    public String gocdbId() {
        return gocdbId;
    }

    public String name() {
        return name;
    }

    public String officialName() {
        return officialName;
    }

    public String ngi() {
        return ngi;
    }

    public String countryCode() {
        return countryCode;
    }

    public CertificationStatus certificationStatus() {
        return certificationStatus;
    }

    public String productionInfrastructure() {
        return productionInfrastructure;
    }

    public String timeZone() {
        return timeZone;
    }

    public String contactEmail() {
        return contactEmail;
    }

    public Optional<String> csirtEmail() {
        return Optional.ofNullable(csirtEmail);
    }

    public String portalUrl() {
        return portalUrl;
    }

    /** The site's DNS domain as GOCDB gives it, lower-case; null when it gives none. */
    public String domain() {
        return domain;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant securityConfirmedAt() {
        return securityConfirmedAt;
    }

    public Instant contactsConfirmedAt() {
        return contactsConfirmedAt;
    }

    public Instant hostsConfirmedAt() {
        return hostsConfirmedAt;
    }

    public Optional<Instant> absentSince() {
        return Optional.ofNullable(absentSince);
    }

    public Set<Contact> contacts() {
        return Collections.unmodifiableSet(contacts);
    }

    public Set<Host> hosts() {
        return Collections.unmodifiableSet(hosts);
    }
}
