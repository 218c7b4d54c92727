package org.csirtdesk.campaign.control;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csirtdesk.schedule.entity.ScheduledStep;

/**
 * The cases of the schedule's batch this transaction runs: those it locked when the batch was claimed (the others
 * are held by another transaction and their steps wait), with their reminders due. Kept for the one transaction.
 */
@TransactionScoped
public class ClaimedCases implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Set<Long> locked = new HashSet<>();
    private final Map<Long, List<ScheduledStep>> reminders = new HashMap<>();

    void hold(Set<Long> cases, Map<Long, List<ScheduledStep>> remindersDue) {
        locked.addAll(cases);
        reminders.putAll(remindersDue);
    }

    boolean holds(long caseId) {
        return locked.contains(caseId);
    }

    List<ScheduledStep> remindersDue(long caseId) {
        return reminders.getOrDefault(caseId, List.of());
    }
}
