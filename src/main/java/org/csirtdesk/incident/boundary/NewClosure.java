package org.csirtdesk.incident.boundary;

import java.util.List;

/**
 * The closure report (SEC01-announce): its text, its TLP (the incident's when not given), named recipients instead
 * of the lists (required for TLP:RED), whether to list the indicators (yes unless false), and optionally the
 * affected site's own report as a file, its content in base64.
 */
public record NewClosure(String report, String tlp, List<String> to, Boolean indicators, File attachment) {

    /** A file, its content in base64. */
    public record File(String filename, String contentType, String content) {}
}
