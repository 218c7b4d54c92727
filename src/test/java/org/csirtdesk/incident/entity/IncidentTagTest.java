package org.csirtdesk.incident.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IncidentTagTest {

    @Test
    @DisplayName("SEC01-tag: EGI-YYYYMMDD-NN, NN from 01, in brackets in subjects")
    void format() {
        IncidentTag first = new IncidentTag("EGI", LocalDate.of(2026, 11, 23), 1);
        assertThat(first.text()).isEqualTo("EGI-20261123-01");
        assertThat(first.bracketed()).isEqualTo("[EGI-20261123-01]");
        assertThat(new IncidentTag("EGI", LocalDate.of(2027, 1, 5), 12).text()).isEqualTo("EGI-20270105-12");
        assertThat(new IncidentTag("EGI", LocalDate.of(2027, 1, 5), 100).text()).isEqualTo("EGI-20270105-100");
        assertThat(new IncidentTag("NGI1", LocalDate.of(2027, 1, 5), 3).text()).isEqualTo("NGI1-20270105-03");
    }

    @Test
    @DisplayName("SEC01-tag: a prefix that would break the tag, or a number below 1, is refused")
    void refusals() {
        assertThatThrownBy(() -> new IncidentTag("EGI-X", LocalDate.EPOCH, 1)).hasMessageContaining("tag-prefix");
        assertThatThrownBy(() -> new IncidentTag("", LocalDate.EPOCH, 1)).hasMessageContaining("tag-prefix");
        assertThatThrownBy(() -> new IncidentTag("EGI", LocalDate.EPOCH, 0)).hasMessageContaining("from 1");
    }
}
