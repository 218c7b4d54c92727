package org.csirtdesk.incident.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The TLP of a text an indicator is read from: its ticket's, raised by the strictest label it carries. */
class TextTlpTest {

    @Test
    @DisplayName(
            "SEC01-tlp: a text is as strict as its ticket and its strictest label; AMBER+STRICT never goes to a list")
    void strictestOfTicketAndLabels() {
        assertThat(Indicators.textTlp("Attacker 198.51.100.7", Tlp.AMBER)).isEqualTo(Tlp.AMBER);
        assertThat(Indicators.textTlp("Subject: [TLP:RED] our logs", Tlp.AMBER)).isEqualTo(Tlp.RED);
        assertThat(Indicators.textTlp("tlp: red, then TLP:GREEN", Tlp.CLEAR)).isEqualTo(Tlp.RED);
        assertThat(Indicators.textTlp("This message is TLP:CLEAR.", Tlp.AMBER))
                .as("a label never lowers the ticket's")
                .isEqualTo(Tlp.AMBER);
        assertThat(Indicators.textTlp("TLP:AMBER+STRICT", Tlp.GREEN)).isEqualTo(Tlp.RED);
        assertThat(Indicators.textTlp("TLP:WHITE", Tlp.CLEAR)).isEqualTo(Tlp.CLEAR);
        assertThat(Indicators.textTlp("ATLP:REDX and TLPRED", Tlp.GREEN)).isEqualTo(Tlp.GREEN);
        assertThat(Indicators.textTlp(null, Tlp.GREEN)).isEqualTo(Tlp.GREEN);
    }
}
