package org.csirtdesk.finding.entity;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A site turned vulnerable to a vulnerability, or clear of it: what later features act on ("the site has
 * acted"), and the record of who was vulnerable when. Never changed once written. The hosts open when it
 * happened are rows of {@code exposure_event_hosts}, as many as the site had: the store writes them in batches.
 */
@Entity
@Table(name = "exposure_events")
public class ExposureEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "site", column = @Column(name = "site", nullable = false, updatable = false)),
        @AttributeOverride(
                name = "vulnerability",
                column = @Column(name = "vulnerability", nullable = false, updatable = false))
    })
    private ExposureKey key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private ExposureState kind;

    @Column(nullable = false, updatable = false)
    private boolean reintroduced;

    @Column(name = "observed_at", updatable = false)
    private Instant observedAt;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Source source;

    protected ExposureEvent() {}

    ExposureEvent(
            ExposureKey key, ExposureState kind, boolean reintroduced, Instant observedAt, Instant at, Source source) {
        this.key = key;
        this.kind = kind;
        this.reintroduced = reintroduced;
        this.observedAt = observedAt;
        this.at = at;
        this.source = source;
    }

    public Long id() {
        return id;
    }

    public ExposureKey key() {
        return key;
    }

    public ExposureState kind() {
        return kind;
    }

    public boolean reintroduced() {
        return reintroduced;
    }

    public Instant observedAt() {
        return observedAt;
    }

    public Instant at() {
        return at;
    }

    public Source source() {
        return source;
    }
}
