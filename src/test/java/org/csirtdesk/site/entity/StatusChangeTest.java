package org.csirtdesk.site.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.csirtdesk.platform.entity.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A status change request guards GOCDB's rules before anyone is asked, and its own course after. */
class StatusChangeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Site site(CertificationStatus status) {
        return new Site(
                new SiteRecord(
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
                        "csirt@ptujrpc.si",
                        null,
                        "ptujrpc.si",
                        Map.of()),
                T0);
    }

    private static StatusChange suspension() {
        return new StatusChange(
                site(CertificationStatus.CERTIFIED),
                CertificationStatus.SUSPENDED,
                "not patched",
                42L,
                StatusChannel.PORTAL,
                "coordinator",
                T0);
    }

    @Test
    @DisplayName("SEC03-4.6: reinstating a suspended site straight to Certified is refused before GOCDB is asked")
    void suspendedToCertifiedIsRefused() {
        assertThatThrownBy(() -> new StatusChange(
                        site(CertificationStatus.SUSPENDED),
                        CertificationStatus.CERTIFIED,
                        "patched",
                        null,
                        StatusChannel.PORTAL,
                        "csirt",
                        T0))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("Uncertified")
                .extracting(e -> ((DomainException) e).kind())
                .isEqualTo(DomainException.Kind.CONFLICTING_STATE);
    }

    @Test
    void aReasonIsRequiredAndAtMost300Characters() {
        Site site = site(CertificationStatus.CERTIFIED);
        assertThatThrownBy(() ->
                        new StatusChange(site, CertificationStatus.SUSPENDED, " ", null, StatusChannel.PORTAL, "c", T0))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> new StatusChange(
                        site, CertificationStatus.SUSPENDED, "x".repeat(301), null, StatusChannel.PORTAL, "c", T0))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("300");
        assertThat(new StatusChange(
                                site,
                                CertificationStatus.SUSPENDED,
                                "x".repeat(300),
                                null,
                                StatusChannel.PORTAL,
                                "c",
                                T0)
                        .reason())
                .hasSize(300);
    }

    @Test
    void requestedThenSubmittedThenConfirmedAndTheAgeStopsAtConfirmation() {
        StatusChange change = suspension();
        assertThat(change.state()).isEqualTo(StatusChange.State.REQUESTED);
        assertThat(change.fromStatus()).isEqualTo(CertificationStatus.CERTIFIED);
        change.submitted(T0.plusSeconds(1));
        assertThat(change.age(T0.plus(Duration.ofHours(2)))).isEqualTo(Duration.ofHours(2));
        change.confirmed(T0.plusSeconds(600), "/CN=Operator");
        assertThat(change.state()).isEqualTo(StatusChange.State.CONFIRMED);
        assertThat(change.age(T0.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofMinutes(10));
        assertThat(change.changedInRegistryBy()).isEqualTo("/CN=Operator");
    }

    @Test
    void aDeferredSubmissionStaysRequestedAndCountsTheAttempt() {
        StatusChange change = suspension();
        change.submissionDeferred(T0.plusSeconds(5), "GOCDB did not answer");
        assertThat(change.state()).isEqualTo(StatusChange.State.REQUESTED);
        assertThat(change.submitAttempts()).isEqualTo(1);
        assertThat(change.lastSubmitError()).isEqualTo("GOCDB did not answer");
        change.submitted(T0.plusSeconds(60));
        assertThat(change.lastSubmitError()).isNull();
    }

    @Test
    void closedRequestsChangeNoMore() {
        StatusChange confirmed = suspension();
        confirmed.confirmed(T0, null);
        assertThatThrownBy(() -> confirmed.withdrawn(T0, "late"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("confirmed");
        StatusChange withdrawn = suspension();
        withdrawn.withdrawn(T0, "site patched");
        assertThatThrownBy(() -> withdrawn.submitted(T0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> withdrawn.confirmed(T0, null)).isInstanceOf(DomainException.class);
    }

    @Test
    void onlyOpenStatesMayMoveOnAndNothingMovesBack() {
        for (StatusChange.State from : StatusChange.State.values()) {
            boolean movesOn = false;
            for (StatusChange.State to : StatusChange.State.values()) {
                movesOn |= from.canMoveTo(to);
                if (from.canMoveTo(to)) {
                    assertThat(to.canMoveTo(from)).as(to + " back to " + from).isFalse();
                }
            }
            assertThat(movesOn).as(from.name()).isEqualTo(from.isOpen());
        }
    }
}
