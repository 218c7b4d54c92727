package org.csirtdesk.finding.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.Coverage;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pakiti's hosts CSV ({@code tag,cve,site,host,os,arch,last_report}), of which only rows with a configured
 * tag count. A report is a snapshot: for each site and CVE it lists, and for each site the sender names as
 * covered, a host it does not list is clear. A bad row is refused and keeps its site out of that rule, so a
 * typo never clears a host.
 */
@ApplicationScoped
public class PakitiCsv {

    static final List<String> REQUIRED_COLUMNS = List.of("tag", "cve", "site", "host", "last_report");

    private static final DateTimeFormatter LAST_REPORT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss[.SSS]");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();

    @Inject
    @ConfigProperty(name = "csirt.alerts.pakiti.tags", defaultValue = "EGI-Critical")
    List<String> tags;

    /** Pakiti writes local times without a zone; this is the zone of the Pakiti server. */
    @Inject
    @ConfigProperty(name = "csirt.alerts.pakiti.time-zone", defaultValue = "UTC")
    String timeZone;

    public AlertBatch parse(byte[] body, List<String> coveredSites, Instant now) {
        if (body.length == 0) {
            throw DomainException.invalid(
                    "body",
                    "is empty; a Pakiti report starts with the header " + "tag,cve,site,host,os,arch,last_report");
        }
        ItemCheck siteParameters = new ItemCheck("");
        coveredSites.forEach(site -> siteParameters.site("site", site, true));
        if (!siteParameters.problems().isEmpty()) {
            throw DomainException.invalid(siteParameters.problems());
        }
        ZoneId zone = ZoneId.of(timeZone);
        Set<String> counted = tags.stream().map(String::strip).collect(Collectors.toSet());
        List<Observation> observations = new ArrayList<>();
        List<FieldError> rejected = new ArrayList<>();
        Set<String> uncertainSites = new HashSet<>();
        int refused = 0;
        int ignored = 0;
        String text = utf8(body);
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            checkHeader(parser.getHeaderNames());
            int columns = parser.getHeaderNames().size();
            Lines lines = new Lines(text);
            for (CSVRecord row : parser) {
                ItemCheck check = new ItemCheck("line " + lines.startOf(row) + ": ");
                if (row.size() != columns) {
                    check.problem("row", "has " + row.size() + " fields; the header has " + columns);
                    rejected.addAll(check.problems());
                    refused++;
                    uncertainSites.add(row.isSet("site") ? row.get("site") : "");
                    continue;
                }
                if (!counted.contains(row.get("tag"))) {
                    ignored++;
                    continue;
                }
                Optional<Observation> observation = observation(row, check, zone, now);
                observation.ifPresentOrElse(observations::add, () -> uncertainSites.add(row.get("site")));
                rejected.addAll(check.problems());
                if (observation.isEmpty()) {
                    refused++;
                }
            }
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException | IOException e) {
            throw DomainException.invalid("body", "is not a readable CSV file: " + describe(e));
        }
        return new AlertBatch(
                observations, rejected, refused, ignored, coverage(observations, coveredSites, uncertainSites));
    }

    /**
     * The line a row starts on, where the sender finds it. Commons CSV's current line number is the line a row ends
     * on, later than its start when a quoted field holds a line break. Rows are asked for in order, so the text is
     * counted through once. CR, LF and CRLF each end a line, as for Commons CSV.
     */
    private static final class Lines {

        private final String text;
        private int at;
        private long line = 1;

        Lines(String text) {
            this.text = text;
        }

        long startOf(CSVRecord row) {
            // A row's position is where the parser began to look for it, before the empty lines it skipped.
            long start = row.getCharacterPosition();
            while (at < text.length() && (at < start || isLineBreak(text.charAt(at)))) {
                char c = text.charAt(at++);
                if (c == '\n' || c == '\r' && (at == text.length() || text.charAt(at) != '\n')) {
                    line++;
                }
            }
            return line;
        }

        private static boolean isLineBreak(char c) {
            return c == '\n' || c == '\r';
        }
    }

    private static void checkHeader(List<String> header) {
        List<String> missing = REQUIRED_COLUMNS.stream()
                .filter(column -> !header.contains(column))
                .toList();
        if (!missing.isEmpty()) {
            throw DomainException.invalid(
                    "header",
                    "lacks the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                            + "; Pakiti's header is tag,cve,site,host,os,arch,last_report");
        }
    }

    private static Optional<Observation> observation(CSVRecord row, ItemCheck check, ZoneId zone, Instant now) {
        String site = check.site("site", row.get("site"), true);
        String host = check.host("host", row.get("host"));
        String cve = check.cve("cve", row.get("cve"));
        Instant observed = null;
        String lastReport = row.get("last_report");
        try {
            observed = LocalDateTime.parse(lastReport, LAST_REPORT).atZone(zone).toInstant();
            check.notInFuture("last_report", observed, now);
        } catch (DateTimeParseException e) {
            check.problem(
                    "last_report",
                    "'" + ItemCheck.printable(lastReport) + "' is not a time such as 2026-11-21 06:12:44");
        }
        String detail =
                String.join(" ", optional(row, "os"), optional(row, "arch")).strip();
        return check.observation(site, host, cve, Verdict.VULNERABLE, observed, null, detail);
    }

    private static String optional(CSVRecord row, String column) {
        return row.isMapped(column) ? row.get(column) : "";
    }

    private static Coverage coverage(
            List<Observation> observations, List<String> coveredSites, Set<String> uncertainSites) {
        if (uncertainSites.contains("")) {
            return Coverage.NONE;
        }
        Set<String> uncertain = uncertainSites.stream().map(String::strip).collect(Collectors.toSet());
        Set<ExposureKey> exposures = observations.stream()
                .filter(observation -> !uncertain.contains(observation.reportedSite()))
                .map(observation -> new ExposureKey(observation.reportedSite(), observation.vulnerability()))
                .collect(Collectors.toSet());
        Set<String> sites = coveredSites.stream()
                .map(String::strip)
                .filter(site -> !uncertain.contains(site))
                .collect(Collectors.toSet());
        return new Coverage(sites, exposures);
    }

    /**
     * The body as text, decoded whole so that a row's first line can be counted in it (see {@link Lines}). A byte
     * order mark, which spreadsheets write at the start of a UTF-8 CSV, is not part of the first column's name.
     */
    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw DomainException.invalid("body", "is not a readable CSV file: it is not UTF-8 text");
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        return cause.getMessage();
    }
}
