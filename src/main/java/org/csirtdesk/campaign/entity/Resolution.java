package org.csirtdesk.campaign.entity;

/**
 * Why a case was resolved (SEC03-7). Only monitoring resolves a case as patched; the others are explanations
 * CSIRT accepted; a suspended site's case ends with its reinstatement; a case whose Investigation a person resolved
 * ends with it.
 */
public enum Resolution {
    PATCHED("patched: monitoring shows the site clear"),
    OWN_REBUILD("the site rebuilt the software with the vendor's patch"),
    VENDOR_ACTION("the site took another action the vendor recommends"),
    AGREED_ACTION("the site took an action agreed with CSIRT"),
    NOT_VULNERABLE("CSIRT accepted the site's explanation of why it is not vulnerable"),
    REINSTATED("the site was suspended and has been reinstated"),
    INVESTIGATION_RESOLVED("CSIRT resolved the case's Investigation ticket");

    private final String description;

    Resolution(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the site is thanked (SEC03-2.5): not for a reinstatement, nor when a person resolved the Investigation,
     * who writes to the site themselves if they want to (in the desk or in RT).
     */
    public boolean thanksTheSite() {
        return this != REINSTATED && this != INVESTIGATION_RESOLVED;
    }

    /**
     * The reasons CSIRT may accept from a site; the others are facts the system records (a person resolving the
     * case's Investigation in the desk or in RT resolves the case with it).
     */
    public boolean isExplanation() {
        return this != PATCHED && this != REINSTATED && this != INVESTIGATION_RESOLVED;
    }
}
