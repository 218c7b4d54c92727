package org.csirtdesk.finding.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.FieldError;

/**
 * The checks every monitoring format applies to one item, collecting each problem under the item's name
 * ({@code alerts[3].labels.cve}, {@code line 7: cve}) so that a sender learns all of them at once.
 */
final class ItemCheck {

    static final int MAX_SITE_LENGTH = 100;
    static final int MAX_DETAIL_LENGTH = 1024;
    /** Monitoring clocks drift; an observation further ahead than this is a wrong clock, not a finding. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(15);

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,7}", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_.:-]{0,253}[a-z0-9_.])?");
    /** Unicode's control characters (Cc): the C1 ones too, such as U+0085 and U+009B, which \p{Cntrl} (ASCII) misses. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final String prefix;
    private final List<FieldError> problems = new ArrayList<>();

    ItemCheck(String prefix) {
        this.prefix = prefix;
    }

    List<FieldError> problems() {
        return problems;
    }

    void problem(String field, String reason) {
        problems.add(new FieldError(prefix + field, reason));
    }

    /** A site name as monitoring writes it; {@code null} when absent and not required. */
    String site(String field, String value, boolean required) {
        String site = value == null ? null : value.strip();
        if (site == null || site.isEmpty()) {
            if (required) {
                problem(field, "names no site");
            }
            return null;
        }
        if (site.length() > MAX_SITE_LENGTH) {
            problem(field, "a site name has at most " + MAX_SITE_LENGTH + " characters");
        } else if (CONTROL.matcher(site).find()) {
            problem(field, "a site name cannot hold control characters (line breaks, tabs)");
        }
        return site;
    }

    String host(String field, String value) {
        String host = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            problem(field, "names no host");
        } else if (!HOST.matcher(host).matches()) {
            problem(field, "'" + printable(host) + "' is not a host name");
        }
        return host;
    }

    /** The vulnerability, as an upper-case CVE id. */
    String cve(String field, String value) {
        String cve = value == null ? "" : value.strip();
        if (cve.isEmpty()) {
            problem(field, "names no vulnerability");
        } else if (!CVE.matcher(cve).matches()) {
            problem(field, "'" + printable(cve) + "' is not a CVE id (CVE-YYYY-NNNN)");
        }
        return cve.toUpperCase(Locale.ROOT);
    }

    /** The first CVE id inside a text, such as an ARGO metric name. */
    String cveIn(String field, String text) {
        var matcher = CVE.matcher(text == null ? "" : text);
        if (!matcher.find()) {
            problem(field, "'" + printable(text) + "' names no CVE id");
            return "";
        }
        return matcher.group().toUpperCase(Locale.ROOT);
    }

    Instant notInFuture(String field, Instant observed, Instant now) {
        if (observed != null && observed.isAfter(now.plus(FUTURE_TOLERANCE))) {
            problem(field, observed + " is in the future; is the monitoring clock right?");
        }
        return observed;
    }

    Optional<Observation> observation(
            String site, String host, String cve, Verdict verdict, Instant observedAt, String ref, String detail) {
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Observation.reported(site, host, cve, verdict, observedAt, ref, truncated(detail)));
    }

    private static String truncated(String detail) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        String text = detail.strip();
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
    }

    /** A value quoted back in an error: short, and without characters that would garble the message. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = CONTROL.matcher(value).replaceAll("?");
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }
}
