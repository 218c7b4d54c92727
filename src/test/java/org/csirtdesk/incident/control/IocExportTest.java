package org.csirtdesk.incident.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.csirtdesk.incident.entity.IndicatorType;
import org.csirtdesk.ticket.entity.Tlp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IocExportTest {

    static final Instant ADDED = Instant.parse("2026-11-23T08:30:00Z");
    static final IocExport.Source INCIDENT =
            new IocExport.Source("EGI-20261123-01", "SSH brute force, with a \"rootkit\"", Tlp.AMBER);
    static final List<IocExport.Ioc> IOCS = List.of(
            new IocExport.Ioc(IndicatorType.IPV4, "198.51.100.7", Tlp.AMBER, ADDED, "extracted"),
            new IocExport.Ioc(
                    IndicatorType.URL, "http://evil.net/it's", Tlp.GREEN, ADDED, "manual: from a log, quoted"),
            new IocExport.Ioc(
                    IndicatorType.SHA256,
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    Tlp.AMBER,
                    ADDED,
                    "linked"),
            new IocExport.Ioc(IndicatorType.CVE, "CVE-2024-1086", Tlp.CLEAR, ADDED, "extracted"));

    @Test
    @DisplayName("IoC export: CSV with a header, one row per indicator, quoted where needed")
    void csv() throws Exception {
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(IocExport.csv(INCIDENT, IOCS)))
                .getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).toMap())
                .containsEntry("incident", "EGI-20261123-01")
                .containsEntry("type", "ipv4")
                .containsEntry("value", "198.51.100.7")
                .containsEntry("tlp", "TLP:AMBER")
                .containsEntry("added_at", "2026-11-23T08:30:00Z");
        assertThat(rows.get(1).get("source")).isEqualTo("manual: from a log, quoted");
        assertThat(rows.get(1).get("tlp")).isEqualTo("TLP:GREEN");
        assertThat(IocExport.csv(INCIDENT, IOCS)).startsWith("incident,type,value,tlp,added_at,source\r\n");
    }

    @Test
    @DisplayName(
            "IoC export, SEC01-tlp: a STIX 2.1 bundle of indicators with patterns, a vulnerability per CVE, each marked with its own standard TLP marking")
    void stix() {
        JsonObject bundle = IocExport.stix(INCIDENT, IOCS);
        assertThat(bundle.getString("type")).isEqualTo("bundle");
        assertThat(bundle.getString("id")).startsWith("bundle--");
        JsonArray objects = bundle.getJsonArray("objects");
        assertThat(objects).hasSize(7);
        JsonObject ip = objects.getJsonObject(0);
        assertThat(ip.getString("type")).isEqualTo("indicator");
        assertThat(ip.getString("spec_version")).isEqualTo("2.1");
        assertThat(ip.getString("pattern")).isEqualTo("[ipv4-addr:value = '198.51.100.7']");
        assertThat(ip.getString("pattern_type")).isEqualTo("stix");
        assertThat(ip.getString("valid_from")).isEqualTo("2026-11-23T08:30:00.000Z");
        assertThat(ip.getJsonArray("object_marking_refs").getString(0))
                .isEqualTo("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
        assertThat(objects.getJsonObject(1).getString("pattern")).isEqualTo("[url:value = 'http://evil.net/it\\'s']");
        assertThat(objects.getJsonObject(1).getJsonArray("object_marking_refs").getString(0))
                .isEqualTo("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");
        assertThat(objects.getJsonObject(2).getString("pattern"))
                .isEqualTo(
                        "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']");
        JsonObject cve = objects.getJsonObject(3);
        assertThat(cve.getString("type")).isEqualTo("vulnerability");
        assertThat(cve.getJsonArray("external_references").getJsonObject(0).getString("external_id"))
                .isEqualTo("CVE-2024-1086");
        assertThat(cve.getJsonArray("object_marking_refs").getString(0))
                .isEqualTo("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");
        assertThat(objects.getJsonObject(4).getString("name")).isEqualTo("TLP:WHITE");
        assertThat(objects.getJsonObject(5).getString("name")).isEqualTo("TLP:GREEN");
        JsonObject marking = objects.getJsonObject(6);
        assertThat(marking.getString("type")).isEqualTo("marking-definition");
        assertThat(marking.getString("name")).isEqualTo("TLP:AMBER");
        assertThat(marking.getJsonObject("definition").getString("tlp")).isEqualTo("amber");
    }

    @Test
    @DisplayName("SEC01-tlp: an export never carries an indicator stricter than its own TLP")
    void noIndicatorAboveTheExportsTlp() {
        IocExport.Ioc red = new IocExport.Ioc(IndicatorType.EMAIL, "victim@example.org", Tlp.RED, ADDED, "extracted");
        assertThatThrownBy(() -> IocExport.stix(INCIDENT, List.of(red)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLP:RED");
        assertThatThrownBy(() -> IocExport.csv(INCIDENT, List.of(red)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLP:RED");
        assertThat(IocExport.stix(new IocExport.Source("EGI-20261123-01", "t", Tlp.RED), List.of(red))
                        .getJsonArray("objects")
                        .getJsonObject(0)
                        .getJsonArray("object_marking_refs")
                        .getString(0))
                .isEqualTo("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
    }

    @Test
    @DisplayName("IoC export: ids are UUIDv5 of the value, the same in every export; CLEAR is STIX's TLP:WHITE")
    void deterministicIds() {
        String first = IocExport.stix(INCIDENT, IOCS)
                .getJsonArray("objects")
                .getJsonObject(0)
                .getString("id");
        String again = IocExport.stix(new IocExport.Source("EGI-20261124-02", "other", Tlp.AMBER), IOCS.subList(0, 1))
                .getJsonArray("objects")
                .getJsonObject(0)
                .getString("id");
        assertThat(first).isEqualTo(again).startsWith("indicator--");
        UUID uuid = UUID.fromString(first.substring("indicator--".length()));
        assertThat(uuid.version()).isEqualTo(5);
        assertThat(uuid.variant()).isEqualTo(2);
        JsonArray clear = IocExport.stix(
                        new IocExport.Source("EGI-20261124-02", "other", Tlp.CLEAR), IOCS.subList(3, 4))
                .getJsonArray("objects");
        assertThat(clear.getJsonObject(1).getString("id"))
                .isEqualTo("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");
        assertThat(clear.getJsonObject(1).getString("name")).isEqualTo("TLP:WHITE");
    }

    @Test
    @DisplayName("UUIDv5 matches RFC 4122's algorithm: the Python uuid5 of the STIX namespace and a known name")
    void uuid5KnownValue() {
        // python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('00abedb4-aa42-466c-9c01-fed23315a9b7'),
        // \"[ipv4-addr:value = '198.51.100.7']\"))"
        assertThat(IocExport.uuid5("[ipv4-addr:value = '198.51.100.7']").toString())
                .isEqualTo("4b2c1f6c-2860-5856-b0f5-39f667c95dbe");
    }
}
