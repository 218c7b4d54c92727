package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.csirtdesk.campaign.entity.CaseResponse;
import org.csirtdesk.ticket.entity.ContactReplied;

/**
 * SEC03-2.7: a site's reply by mail on its case's ticket is a site response: the case waits for CSIRT's answer
 * and the wait is measured, as when CSIRT records the response by hand. The mail feature raises the event and
 * knows nothing of campaigns; a reply on a resolved case is correspondence only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MailedResponses {

    /** Long enough for the OMB summary to quote the site's reasons (SEC03-4.1.2), short enough to stay a summary. */
    private static final int STATEMENT_LENGTH = 2000;

    @Inject
    Decisions decisions;

    @Inject
    Cases cases;

    void onReply(@Observes ContactReplied reply) {
        cases.unresolvedCaseOf(reply.ticketId().value())
                .ifPresent(caseId ->
                        decisions.siteResponded(caseId, statement(reply), null, CaseResponse.BY_MAIL + reply.from()));
    }

    private static String statement(ContactReplied reply) {
        String text = reply.text().strip();
        String said = text.length() <= STATEMENT_LENGTH ? text : text.substring(0, STATEMENT_LENGTH) + " [...]";
        return "by mail from " + reply.from() + ":\n" + said;
    }
}
