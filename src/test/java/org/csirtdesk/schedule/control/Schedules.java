package org.csirtdesk.schedule.control;

import jakarta.persistence.EntityManager;

/** The schedule on a test's entity manager, for fast tests of the features that plan steps on it. */
public final class Schedules {

    private Schedules() {}

    public static Schedule on(EntityManager em) {
        Schedule schedule = new Schedule();
        schedule.em = em;
        return schedule;
    }
}
