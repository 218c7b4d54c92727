package org.csirtdesk.report.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.csirtdesk.platform.entity.DomainException;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void byDefaultTheSixMonthsUpToToday() {
        Period period = Period.of(null, "", TODAY, AMSTERDAM);
        assertThat(period.from()).isEqualTo(LocalDate.of(2026, 5, 24));
        assertThat(period.to()).isEqualTo(TODAY);
        assertThat(Period.of(null, "2026-06-30", TODAY, AMSTERDAM).from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(Period.of("2026-01-01", null, TODAY, AMSTERDAM).to()).isEqualTo(TODAY);
    }

    @Test
    void itsInstantsAreTheStartOfFromAndTheEndOfToInTheCsirtsZone() {
        Period period = Period.of("2026-01-01", "2026-06-30", TODAY, AMSTERDAM);
        assertThat(period.start()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
        Period oneDay = Period.of("2026-03-29", "2026-03-29", TODAY, AMSTERDAM);
        assertThat(java.time.Duration.between(oneDay.start(), oneDay.end()).toHours())
                .isEqualTo(23);
    }

    @Test
    void badDatesAndPeriodsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> Period.of("2026-13-01", null, TODAY, AMSTERDAM))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("'2026-13-01' is not a date")
                .satisfies(e -> assertThat(((DomainException) e).errors().get(0).field())
                        .isEqualTo("from"));
        assertThatThrownBy(() -> Period.of(null, "yesterday", TODAY, AMSTERDAM))
                .satisfies(e -> assertThat(((DomainException) e).errors().get(0).field())
                        .isEqualTo("to"));
        assertThatThrownBy(() -> Period.of("2026-06-02", "2026-06-01", TODAY, AMSTERDAM))
                .hasMessageContaining("before from")
                .satisfies(e -> assertThat(((DomainException) e).errors().get(0).field())
                        .isEqualTo("to"));
        assertThatThrownBy(() -> Period.of("2020-01-01", "2025-01-02", TODAY, AMSTERDAM))
                .hasMessageContaining("longer than 5 years");
        assertThat(Period.of("2020-01-01", "2025-01-01", TODAY, AMSTERDAM).to()).isEqualTo(LocalDate.of(2025, 1, 1));
    }
}
