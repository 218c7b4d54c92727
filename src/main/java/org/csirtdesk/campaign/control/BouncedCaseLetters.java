package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.OptionalLong;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CaseEvent;
import org.csirtdesk.mail.control.Bounces;
import org.csirtdesk.mail.entity.LetterBounced;
import org.csirtdesk.ticket.entity.HistoryType;

/**
 * A bounced letter of a SEC03 case: the case's history says so, and when the letter reached none of the site's
 * contacts the case is flagged to the CSIRT: the procedure's notice was not given (SEC03-2.4), and the clock of a
 * site that was never told must not be taken as the site's silence.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BouncedCaseLetters {

    @Inject
    Cases cases;

    void onBounce(@Observes LetterBounced bounce) {
        OptionalLong caseId = CampaignCase.ofLetterKey(bounce.letterKey());
        if (caseId.isEmpty()) {
            return;
        }
        CampaignCase c = cases.locked(caseId.getAsLong());
        String what = "\"" + bounce.subject() + "\" bounced for " + bounce.reason();
        cases.event(c, CaseEvent.Kind.LETTER_BOUNCED, Bounces.ACTOR, what);
        if (bounce.everyRecipient()) {
            c.notReached(
                    "\"" + bounce.subject() + "\" reached none of the site's contacts: " + bounce.reason(),
                    cases.now());
            // The bounce itself is on the letter's ticket already (the mail feature's comment): on that same ticket
            // the case adds only what it means for the procedure.
            boolean toldOnTheCaseTicket =
                    bounce.ticketId() != null && bounce.ticketId().equals(c.ticketId());
            cases.note(
                    c,
                    HistoryType.COMMENT,
                    (toldOnTheCaseTicket ? "The site was not reached" : "The site was not reached: " + what)
                            + ". The procedure's notice was not given (SEC03-2.4); find another contact of the site "
                            + "before counting its silence.",
                    Bounces.ACTOR);
        } else if (bounce.ticketId() == null) {
            // A letter with a ticket has the bounce on it already; the case's history is on the campaign's Incident.
            cases.note(c, HistoryType.COMMENT, "Not reachable: " + what, Bounces.ACTOR);
        }
    }
}
