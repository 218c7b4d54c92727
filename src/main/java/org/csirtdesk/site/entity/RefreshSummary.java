package org.csirtdesk.site.entity;

import java.util.List;

/** What one refresh did to the local copy. */
public record RefreshSummary(
        int sites, int newSites, int absentSites, int contacts, int hosts, int ngis, List<String> problems) {

    public RefreshSummary {
        problems = List.copyOf(problems);
    }

    public String describe() {
        return sites + " sites (" + newSites + " new, " + absentSites + " no longer listed), " + contacts
                + " contacts, " + hosts + " hosts, " + ngis + " NGIs"
                + (problems.isEmpty() ? "" : "; not refreshed: " + String.join("; ", problems));
    }
}
