package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.Source;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

/** A report none of whose items can be stored is refused before the registry or the store is asked anything. */
class IntakeTest {

    @Test
    void aReportOfOnlyBadItemsIsRefusedCountingItemsNotProblems() {
        List<FieldError> problems = List.of(new FieldError("alerts[0].status", "is missing"),
                new FieldError("alerts[0].labels.cve", "names no vulnerability"),
                new FieldError("alerts[1].labels.host", "names no host"));
        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> new Intake().ingest(Source.ALERTMANAGER, new AlertBatch(List.of(), problems, 2, 0, Coverage.NONE)));
        assertThat(refused.getMessage()).isEqualTo("none of the 2 items can be stored; nothing was");
        assertThat(refused.errors()).isEqualTo(problems);
    }
}
