package org.csirtdesk.campaign.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.csirtdesk.calendar.entity.CsirtCalendar;

/**
 * The SEC03 timing rules on the CSIRT's calendar: the deadline of an advisory, the day tickets open, the
 * 48-hour deadline of a re-introduction, and the steps of a case. Days are calendar days in the CSIRT's zone,
 * so a step keeps its local time of day across a daylight-saving change.
 */
public record Timeline(CsirtCalendar calendar, ProcedureTimes times) {

    /**
     * SEC03-2.3b: at least {@code advisoryDays} calendar days after the advisory, and never less than that many
     * times 24 hours (the spring daylight-saving change would otherwise cut an hour); then moved to the first
     * later day that is not a Friday, a weekend day or a holiday, at the same local time.
     */
    public Instant deadline(Instant advisoryAt) {
        ZonedDateTime advisory = advisoryAt.atZone(calendar.zone());
        ZonedDateTime deadline = advisory.plusDays(times.advisoryDays());
        Instant fullDays = advisoryAt.plus(Duration.ofDays(times.advisoryDays()));
        if (deadline.toInstant().isBefore(fullDays)) {
            deadline = fullDays.atZone(calendar.zone());
        }
        while (!calendar.isDeadlineDay(deadline.toLocalDate())) {
            deadline = deadline.plusDays(1);
            // A day later the advisory's own local time is far enough again: go back to it. Without this, an
            // advisory at 10:00 the Monday before the spring change (deadline moved off Easter Monday) got 11:00.
            ZonedDateTime sameTime = deadline.with(advisory.toLocalTime());
            if (!sameTime.toInstant().isBefore(fullDays)) {
                deadline = sameTime;
            }
        }
        return deadline.toInstant();
    }

    /** Whether {@code deadline} satisfies SEC03-2.3b for an advisory at {@code advisoryAt}. */
    public boolean allows(Instant advisoryAt, Instant deadline) {
        return !deadline.isBefore(deadline(advisoryAt))
                && calendar.isDeadlineDay(deadline.atZone(calendar.zone()).toLocalDate());
    }

    /**
     * SEC03-2.4: tickets open {@code ticketDaysBefore} calendar days before the deadline, earlier (4 or 5 days)
     * when that day is a weekend day or a holiday, and never before the advisory.
     */
    public Instant ticketOpening(Instant deadline, Instant advisoryAt) {
        ZonedDateTime deadlineAt = deadline.atZone(calendar.zone());
        int days = times.ticketDaysBefore();
        ZonedDateTime opening = deadlineAt.minusDays(days);
        while (!calendar.isWorkingDay(opening.toLocalDate())) {
            // Counted from the deadline each time: stepping from a day that lacked the hour (the spring change)
            // would keep the hour after it, and the tickets would open an hour late.
            opening = deadlineAt.minusDays(++days);
        }
        return opening.toInstant().isBefore(advisoryAt) ? advisoryAt : opening.toInstant();
    }

    /** SEC03-3.1: at least 48 hours to act, longer when that ends on a Friday, a weekend day or a holiday. */
    public Instant reintroductionDeadline(Instant noticeAt) {
        ZonedDateTime deadline = noticeAt.plus(times.reintroductionTime()).atZone(calendar.zone());
        while (!calendar.isDeadlineDay(deadline.toLocalDate())) {
            deadline = deadline.plusDays(1);
        }
        return deadline.toInstant();
    }

    /**
     * SEC03-3.1 and SEC03-5.2, the 48-hour path (a site found vulnerable after the tickets opened, or again after
     * clearing): the later of the deadline the campaign's advisory announced to every site and 48 hours after the
     * notice ({@link #reintroductionDeadline}, moved off Fridays, weekends and holidays). A late finding never
     * shortens the deadline the advisory gave. {@code campaignDeadline} may be null (no advisory yet).
     */
    public Instant lateFindingDeadline(Instant noticeAt, Instant campaignDeadline) {
        Instant fromNotice = reintroductionDeadline(noticeAt);
        return campaignDeadline != null && campaignDeadline.isAfter(fromNotice) ? campaignDeadline : fromNotice;
    }

    public Instant finalWarning(Instant deadline) {
        return deadline.minus(times.finalWarningBefore());
    }

    /**
     * SEC03-4.1 and SEC03-5.5: the earliest a suspension can happen for a final warning sent at {@code warnedAt}:
     * the deadline, or the final warning's full notice period later when the warning went out late (the
     * application was stopped, a step waited).
     */
    public Instant earliestSuspension(Instant deadline, Instant warnedAt) {
        Instant noticeEnds = warnedAt.plus(times.finalWarningBefore());
        return noticeEnds.isAfter(deadline) ? noticeEnds : deadline;
    }

    /**
     * Whether the 48-hour path's check, 24 hours after the notice (SEC03-3.2), sends the final warning itself: so when
     * the deadline is the 48 hours' own (moved off a weekend or not). A deadline further away (the campaign's, or an extension) has its final
     * warning the usual time before it, as its own step.
     */
    public boolean checkWarns(CasePath path, int deadlineRound, Instant firstNotice, Instant deadline) {
        return path == CasePath.REINTRODUCTION
                && deadlineRound == 1
                && !deadline.isAfter(reintroductionDeadline(firstNotice));
    }

    /**
     * Every step of one round of a case, from its first notice to its deadline. The advisory's path: the
     * ticket, a reminder each day (SEC03-2.5) until the final warning, the final warning (SEC03-4.1.1) and the
     * deadline. The 48-hour path (SEC03-3.1): its notice, the check 24 hours later (SEC03-3.2), and the deadline; the
     * final warning goes with the check unless the deadline is further away (the campaign's, an extension), when it
     * comes the usual time before the deadline.
     */
    public List<PlannedStep> caseSteps(
            CasePath path, int round, int deadlineRound, Instant firstNotice, Instant deadline) {
        List<PlannedStep> steps = new ArrayList<>();
        Instant finalWarning = finalWarning(deadline);
        if (path == CasePath.ADVISORY) {
            steps.add(new PlannedStep(StepName.ofCase(StepName.Kind.TICKET, round, deadlineRound), firstNotice));
            // Each reminder counted from the notice, not from the reminder before: after a day that lacked the
            // notice's hour (the spring change) the reminders would otherwise stay an hour late.
            ZonedDateTime notice = firstNotice.atZone(calendar.zone());
            for (int number = 1; notice.plusDays(number).toInstant().isBefore(finalWarning); number++) {
                steps.add(new PlannedStep(
                        StepName.reminder(round, number),
                        notice.plusDays(number).toInstant()));
            }
        } else {
            steps.add(
                    new PlannedStep(StepName.ofCase(StepName.Kind.REINTRODUCTION, round, deadlineRound), firstNotice));
            steps.add(new PlannedStep(
                    StepName.ofCase(StepName.Kind.REINTRODUCTION_CHECK, round, deadlineRound),
                    firstNotice.plus(times.reintroductionCheck())));
        }
        if (!checkWarns(path, deadlineRound, firstNotice, deadline)) {
            steps.add(
                    new PlannedStep(StepName.ofCase(StepName.Kind.FINAL_WARNING, round, deadlineRound), finalWarning));
        }
        steps.add(new PlannedStep(StepName.ofCase(StepName.Kind.DEADLINE, round, deadlineRound), deadline));
        return steps;
    }
}
