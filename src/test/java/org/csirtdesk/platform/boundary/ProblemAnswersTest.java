package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

class ProblemAnswersTest {

    @Test
    void ordinaryAddressesPass() {
        assertThat(ProblemAnswers.refusalOf("/api/tickets/12", "queue=investigations&status=open,new")).isNull();
        assertThat(ProblemAnswers.refusalOf("/api/sites/CERN-PROD", null)).isNull();
        assertThat(ProblemAnswers.refusalOf("/api/tickets", "q=100%25")).isNull();
    }

    @Test
    void pathParametersAreRefused() {
        assertThat(ProblemAnswers.refusalOf("/api/tickets/1;x=1", null).field()).isEqualTo("path");
        assertThat(ProblemAnswers.refusalOf("/api;jsessionid=1/tickets", null).field()).isEqualTo("path");
    }

    @Test
    void encodedSlashesAreRefused() {
        assertThat(ProblemAnswers.refusalOf("/api/tickets/1%2F2", null).field()).isEqualTo("path");
        assertThat(ProblemAnswers.refusalOf("/api/tickets/1%5c2", null).field()).isEqualTo("path");
    }

    @Test
    void aNulInThePathOrAQueryParameterIsRefusedNamingIt() {
        assertThat(ProblemAnswers.refusalOf("/api/sites/A%00B", null)).isEqualTo(new FieldError("path", "contains a NUL character"));
        assertThat(ProblemAnswers.refusalOf("/api/tickets", "queue=incidents&q=a%00b"))
                .isEqualTo(new FieldError("q", "contains a NUL character"));
        assertThat(ProblemAnswers.refusalOf("/api/tickets", "%zz%00=1").field()).isEqualTo("%zz%00");
    }
}
