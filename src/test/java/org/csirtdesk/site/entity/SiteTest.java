package org.csirtdesk.site.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local copy of a site: what a refresh may overwrite, and what it must not. */
class SiteTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static SiteRecord record(CertificationStatus status, String csirtEmail) {
        return new SiteRecord(
                "203G0",
                "16",
                "PtujRPC",
                "Ptuj RPC",
                "NGI_SI",
                "SI",
                status,
                "Production",
                "Europe/Ljubljana",
                "contact@ptujrpc.si",
                csirtEmail,
                null,
                "ptujrpc.si",
                Map.of());
    }

    @Test
    void aStatusReadBackAfterTheRefreshBeganIsNotOverwrittenByIt() {
        Site site = new Site(record(CertificationStatus.CERTIFIED, "csirt@ptujrpc.si"), T0);
        // The refresh reads GOCDB from T0+10s; a suspension is confirmed at T0+12s; the refresh writes at T0+15s.
        site.confirmStatus(CertificationStatus.SUSPENDED, T0.plusSeconds(12));
        site.update(record(CertificationStatus.CERTIFIED, "csirt@ptujrpc.si"), T0.plusSeconds(10));
        assertThat(site.certificationStatus()).isEqualTo(CertificationStatus.SUSPENDED);
        assertThat(site.confirmedAt()).isEqualTo(T0.plusSeconds(12));
        // The next refresh, read after the change, carries it and confirms it again.
        site.update(record(CertificationStatus.SUSPENDED, "csirt@ptujrpc.si"), T0.plusSeconds(3600));
        assertThat(site.confirmedAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void anAbsentSiteListedAgainIsPresentAndKeepsItsFirstAbsence() {
        Site site = new Site(record(CertificationStatus.CERTIFIED, null), T0);
        site.markAbsent(T0.plusSeconds(60));
        site.markAbsent(T0.plusSeconds(120));
        assertThat(site.absentSince()).contains(T0.plusSeconds(60));
        site.update(record(CertificationStatus.CERTIFIED, null), T0.plusSeconds(180));
        assertThat(site.absentSince()).isEmpty();
    }

    @Test
    void contactsAndHostsAreReplacedAndTheirConfirmationTimeMoves() {
        Site site = new Site(record(CertificationStatus.CERTIFIED, null), T0);
        site.confirmContacts(List.of(new Contact("admin@ptujrpc.si", "Site Administrator", "Ana Kos")), T0);
        site.confirmContacts(List.of(new Contact("new@ptujrpc.si", "Site Administrator", null)), T0.plusSeconds(60));
        assertThat(site.contacts()).extracting(Contact::email).containsExactly("new@ptujrpc.si");
        assertThat(site.contactsConfirmedAt()).isEqualTo(T0.plusSeconds(60));
        site.confirmHosts(List.of(new Host("wn01.ptujrpc.si", "WN")), T0.plusSeconds(60));
        assertThat(site.hosts()).extracting(Host::hostname).containsExactly("wn01.ptujrpc.si");
        site.confirmSecurityContact(null, T0.plusSeconds(60));
        assertThat(site.csirtEmail()).isEmpty();
    }
}
