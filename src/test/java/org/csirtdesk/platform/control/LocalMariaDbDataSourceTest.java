package org.csirtdesk.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Payara sets the URL and the timeouts in any order; the driver gets them in its own units. */
class LocalMariaDbDataSourceTest {

    private final LocalMariaDbDataSource dataSource = new LocalMariaDbDataSource();

    @Test
    void theSocketTimeoutJoinsTheUrlWhicheverIsSetFirst() throws SQLException {
        dataSource.setSocketTimeout("PT60S");
        dataSource.setUrl("jdbc:mariadb://127.0.0.1:3306/csirt_desk");
        assertThat(dataSource.getUrl()).endsWith("/csirt_desk?socketTimeout=60000");

        LocalMariaDbDataSource other = new LocalMariaDbDataSource();
        other.setUrl("jdbc:mariadb://127.0.0.1:3306/csirt_desk?connectTimeout=5000");
        other.setSocketTimeout("PT1.5S");
        assertThat(other.getUrl()).contains("connectTimeout=5000").contains("socketTimeout=1500");
    }

    @Test
    void theConnectTimeoutIsTheLoginTimeoutInWholeSecondsWhateverUrlComesAfter() throws SQLException {
        dataSource.setUrl("jdbc:mariadb://127.0.0.1:3306/csirt_desk");
        dataSource.setConnectTimeout("PT9.2S");
        dataSource.setSocketTimeout("PT60S");
        dataSource.setUrl("jdbc:mariadb://127.0.0.1:3306/other");
        assertThat(dataSource.getLoginTimeout()).isEqualTo(10);
        assertThat(dataSource.getUrl())
                .contains("/other?")
                .contains("connectTimeout=10000")
                .contains("socketTimeout=60000");
    }

    @Test
    void aSocketTimeoutWrittenInTheUrlWins() throws SQLException {
        dataSource.setUrl("jdbc:mariadb://127.0.0.1:3306/csirt_desk?socketTimeout=5000");
        dataSource.setSocketTimeout("PT60S");
        assertThat(dataSource.getUrl()).contains("socketTimeout=5000").doesNotContain("60000");
    }

    @Test
    void withoutASocketTimeoutTheUrlIsLeftAlone() throws SQLException {
        dataSource.setUrl("jdbc:mariadb://127.0.0.1:3306/csirt_desk");
        assertThat(dataSource.getUrl()).doesNotContain("socketTimeout");
    }

    @Test
    void aTimeoutThatIsNoDurationOrNegativeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> dataSource.setSocketTimeout("60"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.socket-timeout")
                .hasMessageContaining("PT60S");
        assertThatThrownBy(() -> dataSource.setSocketTimeout("-PT1S"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.socket-timeout");
        assertThatThrownBy(() -> dataSource.setConnectTimeout("ten seconds"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db.connect-timeout");
    }
}
