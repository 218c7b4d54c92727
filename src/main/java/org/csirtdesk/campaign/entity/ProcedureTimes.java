package org.csirtdesk.campaign.entity;

import java.time.Duration;

/**
 * The SEC03 delays. Each is configuration; the procedure's values are the defaults: a deadline at least 7
 * calendar days after the advisory, tickets 3 days before it, a reminder a day, the final warning and the
 * noc-managers summary 24 hours before it, and for a re-introduction 48 hours to act with the check after 24.
 */
public record ProcedureTimes(
        int advisoryDays,
        int ticketDaysBefore,
        Duration finalWarningBefore,
        Duration reintroductionTime,
        Duration reintroductionCheck) {

    public static final ProcedureTimes SEC03 =
            new ProcedureTimes(7, 3, Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(24));

    public ProcedureTimes {
        if (advisoryDays < 1 || ticketDaysBefore < 1 || ticketDaysBefore >= advisoryDays) {
            throw new IllegalArgumentException("tickets open 1 to " + (advisoryDays - 1) + " days before the deadline");
        }
        if (finalWarningBefore.isNegative() || reintroductionCheck.compareTo(reintroductionTime) >= 0) {
            throw new IllegalArgumentException("the re-introduction check comes before its deadline");
        }
    }
}
