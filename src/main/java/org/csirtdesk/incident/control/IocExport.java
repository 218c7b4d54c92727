package org.csirtdesk.incident.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * An incident's indicators for sharing: CSV for spreadsheets and scripts, and a STIX 2.1 bundle for threat-sharing
 * platforms (MISP, OpenCTI). No maintained Java STIX 2.1 library fits (those on Maven Central are STIX 1.x bindings,
 * STIX 2.0, or young single-vendor projects on Jackson), so the bundle is written with JSON-P: an {@code indicator}
 * per observable with a STIX pattern, a {@code vulnerability} per CVE, each marked with the standard TLP
 * {@code marking-definition} of STIX 2.1, whose definition is included. Ids are UUIDv5 of the value under STIX's own
 * namespace, so the same indicator has the same id in every export and a platform updates it instead of adding it again.
 */
public final class IocExport {

    /** What the export needs of one indicator; its TLP is its own (SEC01-tlp), at or below the export's. */
    public record Ioc(IndicatorType type, String value, Tlp tlp, Instant addedAt, String source) {}

    /** What the export says of the incident, and the TLP it is made for (the strictest its indicators may have). */
    public record Source(String tag, String title, Tlp tlp) {}

    /** The namespace STIX 2.1 (section 2.9) gives for deterministic identifiers. */
    static final UUID STIX_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    static final List<String> CSV_HEADER = List.of("incident", "type", "value", "tlp", "added_at", "source");
    /** The STIX 2.1 specification's TLP marking definitions (section 7.2.1.4); TLP 2.0's CLEAR is TLP 1.0's WHITE. */
    static final Map<Tlp, String> TLP_MARKINGS = Map.of(
            Tlp.CLEAR, "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            Tlp.GREEN, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            Tlp.AMBER, "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
            Tlp.RED, "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

    private static final String MARKINGS_CREATED = "2017-01-20T00:00:00.000Z";
    private static final DateTimeFormatter STIX_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IocExport() {}

    public static String csv(Source incident, List<Ioc> iocs) {
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(
                text,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(CSV_HEADER.toArray(String[]::new))
                        .get())) {
            for (Ioc ioc : withinTlp(incident, iocs)) {
                csv.printRecord(
                        incident.tag(),
                        ioc.type().slug(),
                        ioc.value(),
                        "TLP:" + ioc.tlp().name(),
                        ioc.addedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                        ioc.source());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The bundle: each object marked with its own TLP, and the definition of each marking used. */
    public static JsonObject stix(Source incident, List<Ioc> iocs) {
        JsonArrayBuilder objects = Json.createArrayBuilder();
        Set<Tlp> used = EnumSet.noneOf(Tlp.class);
        for (Ioc ioc : withinTlp(incident, iocs)) {
            String marking = TLP_MARKINGS.get(ioc.tlp());
            used.add(ioc.tlp());
            objects.add(
                    ioc.type() == IndicatorType.CVE
                            ? vulnerability(incident, ioc, marking)
                            : indicator(incident, ioc, marking));
        }
        for (Tlp tlp : used) {
            objects.add(Json.createObjectBuilder()
                    .add("type", "marking-definition")
                    .add("spec_version", "2.1")
                    .add("id", TLP_MARKINGS.get(tlp))
                    .add("created", MARKINGS_CREATED)
                    .add("definition_type", "tlp")
                    .add("name", "TLP:" + tlp1(tlp))
                    .add(
                            "definition",
                            Json.createObjectBuilder().add("tlp", tlp1(tlp).toLowerCase(Locale.ROOT))));
        }
        return Json.createObjectBuilder()
                .add("type", "bundle")
                .add("id", "bundle--" + uuid5("bundle:" + incident.tag()))
                .add("objects", objects)
                .build();
    }

    /**
     * SEC01-tlp's last guard: the caller chose the indicators at or below the export's TLP; one above it is a bug to
     * fail on, never a value to let out.
     */
    private static List<Ioc> withinTlp(Source export, List<Ioc> iocs) {
        for (Ioc ioc : iocs) {
            if (ioc.tlp().compareTo(export.tlp()) > 0) {
                throw new IllegalArgumentException(
                        ioc.value() + " is TLP:" + ioc.tlp() + ", above the export's TLP:" + export.tlp());
            }
        }
        return iocs;
    }

    /** The STIX pattern that matches the observable, e.g. {@code [ipv4-addr:value = '198.51.100.7']}. */
    public static String pattern(IndicatorType type, String value) {
        String path = type.stixPath().orElseThrow(() -> new IllegalArgumentException(type + " has no STIX pattern"));
        return "[" + path + " = '" + value.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static JsonObjectBuilder indicator(Source incident, Ioc ioc, String marking) {
        String pattern = pattern(ioc.type(), ioc.value());
        String time = STIX_TIME.format(ioc.addedAt());
        return Json.createObjectBuilder()
                .add("type", "indicator")
                .add("spec_version", "2.1")
                .add("id", "indicator--" + uuid5(pattern))
                .add("created", time)
                .add("modified", time)
                .add("name", ioc.type().slug() + " " + ioc.value())
                .add("description", "Seen in security incident " + incident.tag() + ": " + incident.title())
                .add("indicator_types", Json.createArrayBuilder().add("compromised"))
                .add("pattern", pattern)
                .add("pattern_type", "stix")
                .add("pattern_version", "2.1")
                .add("valid_from", time)
                .add("labels", Json.createArrayBuilder().add(incident.tag()))
                .add("object_marking_refs", Json.createArrayBuilder().add(marking));
    }

    private static JsonObjectBuilder vulnerability(Source incident, Ioc ioc, String marking) {
        String time = STIX_TIME.format(ioc.addedAt());
        return Json.createObjectBuilder()
                .add("type", "vulnerability")
                .add("spec_version", "2.1")
                .add("id", "vulnerability--" + uuid5("vulnerability:" + ioc.value()))
                .add("created", time)
                .add("modified", time)
                .add("name", ioc.value())
                .add("description", "Exploited or involved in security incident " + incident.tag())
                .add(
                        "external_references",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("source_name", "cve")
                                        .add("external_id", ioc.value())))
                .add("labels", Json.createArrayBuilder().add(incident.tag()))
                .add("object_marking_refs", Json.createArrayBuilder().add(marking));
    }

    private static String tlp1(Tlp tlp) {
        return tlp == Tlp.CLEAR ? "WHITE" : tlp.name();
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1), in STIX's namespace; Java's UUID makes only version 3. */
    static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer namespace = ByteBuffer.allocate(16);
            namespace
                    .putLong(STIX_NAMESPACE.getMostSignificantBits())
                    .putLong(STIX_NAMESPACE.getLeastSignificantBits());
            sha1.update(namespace.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bits.getLong(), bits.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
