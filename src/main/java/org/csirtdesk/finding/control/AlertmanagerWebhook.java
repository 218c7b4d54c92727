package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prometheus Alertmanager's webhook, version 4. Each alert is one host's finding: firing is vulnerable (seen
 * at {@code startsAt}), resolved is clear (at {@code endsAt}). Which labels carry the site, the CVE, the host
 * and the severity is configured; an alert needs the CVE and the host, and the site when the host alone does
 * not tell it.
 */
@ApplicationScoped
public class AlertmanagerWebhook {

    private static final Logger LOG = Logger.getLogger(AlertmanagerWebhook.class.getName());

    /** Alertmanager's "no end yet" time for a firing alert. */
    private static final Instant NO_END = Instant.parse("0001-01-01T00:00:00Z");

    @Inject
    @ConfigProperty(name = "csirt.alerts.alertmanager.site-label", defaultValue = "site")
    String siteLabel;

    @Inject
    @ConfigProperty(name = "csirt.alerts.alertmanager.vulnerability-label", defaultValue = "cve")
    String vulnerabilityLabel;

    @Inject
    @ConfigProperty(name = "csirt.alerts.alertmanager.host-label", defaultValue = "hostname")
    String hostLabel;

    @Inject
    @ConfigProperty(name = "csirt.alerts.alertmanager.severity-label", defaultValue = "severity")
    String severityLabel;

    /**
     * The severities that count, comma-separated; unset: all. An alert of another severity is ignored. (A plain
     * string: Payara's config producer cannot make an {@code Optional<List<String>>}.)
     */
    @Inject
    @ConfigProperty(name = "csirt.alerts.alertmanager.severities")
    Optional<String> severities;

    public AlertBatch parse(byte[] body, Instant now) {
        if (!(JsonBodies.parse(body) instanceof JsonObject webhook)) {
            throw DomainException.invalid("body", "must be a JSON object (Alertmanager's webhook)");
        }
        JsonValue version = webhook.get("version");
        if (!(version instanceof JsonString text) || !"4".equals(text.getString())) {
            throw DomainException.invalid(
                    "version",
                    "is " + (version == null ? "missing" : version.toString())
                            + "; only version \"4\" of Alertmanager's webhook is understood");
        }
        if (!(webhook.get("alerts") instanceof JsonArray alerts)) {
            throw DomainException.invalid("alerts", "must be an array of alerts");
        }
        if (webhook.get("truncatedAlerts") instanceof JsonNumber truncated && truncated.intValue() > 0) {
            // Alertmanager cut the group to its max_alerts: those alerts never reach us, so say so where operators
            // look.
            LOG.warning("Alertmanager left " + truncated.intValue() + " alerts out of a webhook for group "
                    + webhook.get("groupKey") + "; set max_alerts: 0 in its webhook_config");
        }
        Set<String> counted = Arrays.stream(severities.orElse("").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        List<Observation> observations = new ArrayList<>();
        List<FieldError> rejected = new ArrayList<>();
        int refused = 0;
        int ignored = 0;
        for (int i = 0; i < alerts.size(); i++) {
            ItemCheck check = new ItemCheck("alerts[" + i + "].");
            if (!(alerts.get(i) instanceof JsonObject alert)) {
                check.problem("", "must be an object");
                rejected.addAll(check.problems());
                refused++;
                continue;
            }
            if (!(alert.get("labels") instanceof JsonObject labels)) {
                check.problem("labels", "must be an object of labels");
                rejected.addAll(check.problems());
                refused++;
                continue;
            }
            String severity = JsonBodies.string(labels, severityLabel, check, "labels." + severityLabel);
            if (!counted.isEmpty()
                    && (severity == null || !counted.contains(severity.strip().toLowerCase(Locale.ROOT)))) {
                ignored++;
                continue;
            }
            Optional<Observation> observation = observation(alert, labels, check, severity, now);
            observation.ifPresent(observations::add);
            rejected.addAll(check.problems());
            if (observation.isEmpty()) {
                refused++;
            }
        }
        return new AlertBatch(observations, rejected, refused, ignored, Coverage.NONE);
    }

    private Optional<Observation> observation(
            JsonObject alert, JsonObject labels, ItemCheck check, String severity, Instant now) {
        String status = JsonBodies.string(alert, "status", check, "status");
        Verdict verdict = null;
        if ("firing".equals(status)) {
            verdict = Verdict.VULNERABLE;
        } else if ("resolved".equals(status)) {
            verdict = Verdict.CLEAR;
        } else if (status != null) {
            check.problem("status", "'" + ItemCheck.printable(status) + "' is neither firing nor resolved");
        } else if (JsonBodies.absent(alert, "status")) {
            // Only when absent: a status of another type has its problem already, from JsonBodies.string.
            check.problem("status", "is missing");
        }
        String site = check.site(
                "labels." + siteLabel, JsonBodies.string(labels, siteLabel, check, "labels." + siteLabel), false);
        String host =
                check.host("labels." + hostLabel, JsonBodies.string(labels, hostLabel, check, "labels." + hostLabel));
        String cve = check.cve(
                "labels." + vulnerabilityLabel,
                JsonBodies.string(labels, vulnerabilityLabel, check, "labels." + vulnerabilityLabel));
        Instant observed = verdict == Verdict.CLEAR
                ? JsonBodies.time(JsonBodies.string(alert, "endsAt", check, "endsAt"), check, "endsAt")
                : JsonBodies.time(JsonBodies.string(alert, "startsAt", check, "startsAt"), check, "startsAt");
        if (observed == null || observed.equals(NO_END)) {
            observed = now;
        }
        check.notInFuture(verdict == Verdict.CLEAR ? "endsAt" : "startsAt", observed, now);
        String summary = alert.get("annotations") instanceof JsonObject annotations
                ? JsonBodies.string(annotations, "summary", check, "annotations.summary")
                : null;
        String detail = String.join(
                "; ",
                Stream.of(severity == null ? null : "severity " + severity, summary)
                        .filter(part -> part != null && !part.isBlank())
                        .toList());
        return check.observation(
                site,
                host,
                cve,
                verdict,
                observed,
                JsonBodies.string(alert, "fingerprint", check, "fingerprint"),
                detail);
    }
}
