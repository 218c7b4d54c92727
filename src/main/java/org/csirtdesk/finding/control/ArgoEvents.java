package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;

/**
 * ARGO monitoring status events, one object or an array of them: {@code endpoint_group} is the site,
 * {@code hostname} the host, the CVE is in the metric's name ({@code eu.egi.sec.WN-check_CVE-2024-1086-ops}).
 * CRITICAL finds, OK clears; WARNING, UNKNOWN and the rest say nothing about the host and are ignored. The
 * event's {@code timestamp}, when it has one, is when ARGO saw it; else the time it arrived.
 */
@ApplicationScoped
public class ArgoEvents {

    public AlertBatch parse(byte[] body, Instant now) {
        JsonValue json = JsonBodies.parse(body);
        List<JsonValue> events;
        String prefix;
        if (json instanceof JsonArray array) {
            events = array;
            prefix = "[%d].";
        } else if (json instanceof JsonObject) {
            events = List.of(json);
            prefix = "";
        } else {
            throw DomainException.invalid("body", "must be an ARGO status event (a JSON object) or an array of them");
        }
        List<Observation> observations = new ArrayList<>();
        List<FieldError> rejected = new ArrayList<>();
        int refused = 0;
        int ignored = 0;
        for (int i = 0; i < events.size(); i++) {
            ItemCheck check = new ItemCheck(prefix.formatted(i));
            if (!(events.get(i) instanceof JsonObject event)) {
                check.problem("event", "must be an object");
                rejected.addAll(check.problems());
                refused++;
                continue;
            }
            String status = JsonBodies.string(event, "status", check, "status");
            Verdict verdict =
                    switch (status == null ? "" : status.strip().toUpperCase(Locale.ROOT)) {
                        case "CRITICAL" -> Verdict.VULNERABLE;
                        case "OK" -> Verdict.CLEAR;
                        default -> null;
                    };
            if (status == null && JsonBodies.absent(event, "status")) {
                // Only when absent: a status of another type has its problem already, from JsonBodies.string.
                check.problem("status", "is missing");
            } else if (verdict == null && check.problems().isEmpty()) {
                ignored++;
                continue;
            }
            String site = check.site(
                    "endpoint_group", JsonBodies.string(event, "endpoint_group", check, "endpoint_group"), true);
            String host = check.host("hostname", JsonBodies.string(event, "hostname", check, "hostname"));
            String cve = check.cveIn("metric", JsonBodies.string(event, "metric", check, "metric"));
            Instant observed =
                    JsonBodies.time(JsonBodies.string(event, "timestamp", check, "timestamp"), check, "timestamp");
            observed = check.notInFuture("timestamp", observed == null ? now : observed, now);
            String service = JsonBodies.string(event, "service", check, "service");
            String summary = JsonBodies.string(event, "summary", check, "summary");
            String detail = (service == null ? "" : service + ": ") + (summary == null ? "" : summary);
            Optional<Observation> observation = check.observation(site, host, cve, verdict, observed, null, detail);
            observation.ifPresent(observations::add);
            rejected.addAll(check.problems());
            if (observation.isEmpty()) {
                refused++;
            }
        }
        return new AlertBatch(observations, rejected, refused, ignored, Coverage.NONE);
    }
}
