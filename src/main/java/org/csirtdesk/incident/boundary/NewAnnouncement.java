package org.csirtdesk.incident.boundary;

import java.util.List;

/**
 * A letter to the security lists about an incident (SEC01-announce): {@code announcement} once, then {@code update}s
 * (summary reports). Its TLP is the incident's unless given; {@code to} names recipients instead of the lists, and
 * TLP:RED requires it (SEC01-tlp). The incident's indicators are listed unless {@code indicators} is false.
 */
public record NewAnnouncement(String kind, String text, String tlp, List<String> to, Boolean indicators) {}
