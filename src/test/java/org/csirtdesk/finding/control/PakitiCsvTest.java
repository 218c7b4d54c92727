package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.csirtdesk.finding.control.Fixtures.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.csirtdesk.finding.entity.AlertBatch;
import org.csirtdesk.finding.entity.ExposureKey;
import org.csirtdesk.finding.entity.Observation;
import org.csirtdesk.finding.entity.Verdict;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

/** Pakiti's hosts CSV: rows, tags, snapshot coverage, and every way a file can be wrong. */
class PakitiCsvTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String HEADER = "tag,cve,site,host,os,arch,last_report\n";

    private static PakitiCsv pakiti(String zone) {
        PakitiCsv pakiti = new PakitiCsv();
        pakiti.tags = List.of("EGI-Critical");
        pakiti.timeZone = zone;
        return pakiti;
    }

    private static AlertBatch parse(String csv) {
        return pakiti("UTC").parse(utf8(csv), List.of(), NOW);
    }

    private static FieldError refusal(String csv) {
        return catchThrowableOfType(DomainException.class, () -> parse(csv)).errors().get(0);
    }

    @Test
    void theFixtureIsThreeVulnerableHostsCoveringTwoSitesAndCves() {
        AlertBatch batch = pakiti("UTC").parse(Fixtures.bytes("pakiti-hosts.csv"), List.of(), NOW);
        assertThat(batch.observations()).hasSize(3).allMatch(o -> o.verdict() == Verdict.VULNERABLE);
        Observation first = batch.observations().get(0);
        assertThat(first.reportedSite()).isEqualTo("PtujRPC");
        assertThat(first.host()).isEqualTo("wn01.ptujrpc.si");
        assertThat(first.vulnerability()).isEqualTo("CVE-2024-1086");
        assertThat(first.observedAt()).isEqualTo(Instant.parse("2026-11-21T06:12:44Z"));
        assertThat(first.detail()).isEqualTo("AlmaLinux 9.3 x86_64");
        assertThat(batch.coverage().exposures()).containsExactlyInAnyOrder(new ExposureKey("PtujRPC", "CVE-2024-1086"),
                new ExposureKey("Izola MRF", "CVE-2021-4034"));
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void lastReportIsReadInThePakitiServersZone() {
        AlertBatch batch = pakiti("Europe/Ljubljana").parse(utf8(HEADER
                + "EGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,Alma,x86_64,2026-11-21 06:12:44\n"), List.of(), NOW);
        assertThat(batch.observations().get(0).observedAt()).isEqualTo(Instant.parse("2026-11-21T05:12:44Z"));
    }

    @Test
    void rowsWithAnotherTagAreIgnoredAndCoverNothing() {
        AlertBatch batch = parse(HEADER + "Other,CVE-2024-1086,SSC,wn07.ssc.si,Alma,x86_64,2026-11-21 06:12:44\n");
        assertThat(batch.observations()).isEmpty();
        assertThat(batch.ignored()).isEqualTo(1);
        assertThat(batch.coverage().isEmpty()).isTrue();
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        AlertBatch batch = parse(HEADER + "EGI-Critical,cve-2024-1086,\"Izola MRF\",CE01.izolamrf.si,"
                + "\"AlmaLinux 9.3, \"\"Shamrock\"\"\nsecond line\",x86_64,\"2026-11-21 06:12:44\"\n");
        Observation observation = batch.observations().get(0);
        assertThat(observation.reportedSite()).isEqualTo("Izola MRF");
        assertThat(observation.host()).isEqualTo("ce01.izolamrf.si");
        assertThat(observation.vulnerability()).isEqualTo("CVE-2024-1086");
        assertThat(observation.detail()).isEqualTo("AlmaLinux 9.3, \"Shamrock\"\nsecond line x86_64");
    }

    @Test
    void aBadRowIsNamedByItsLineAndKeepsItsSiteOutOfTheSnapshotRule() {
        AlertBatch batch = parse(HEADER
                + "EGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,Alma,x86_64,2026-11-21 06:12:44\n"
                + "EGI-Critical,CVE-2024-1086,PtujRPC,wn02.ptujrpc.si,Alma,x86_64,yesterday\n"
                + "EGI-Critical,CVE-2024-1086,SSC,wn07.ssc.si,Alma\n"
                + "EGI-Critical,CVE-2024-1086,Izola MRF,ce01.izolamrf.si,Alma,x86_64,2026-11-21 06:12:44\n");
        assertThat(batch.observations()).extracting(Observation::host).containsExactly("wn01.ptujrpc.si", "ce01.izolamrf.si");
        assertThat(batch.rejected()).extracting(FieldError::field).containsExactly("line 3: last_report", "line 4: row");
        assertThat(batch.coverage().exposures()).containsExactly(new ExposureKey("Izola MRF", "CVE-2024-1086"));
    }

    @Test
    void sitesTheSenderSaysAreCoveredAreCoveredEvenWithoutRows() {
        AlertBatch batch = pakiti("UTC").parse(utf8(HEADER), List.of("PtujRPC", " SSC "), NOW);
        assertThat(batch.coverage().sites()).containsExactlyInAnyOrder("PtujRPC", "SSC");
        assertThatThrownBy(() -> pakiti("UTC").parse(utf8(HEADER), List.of("Bad\nSite"), NOW))
                .isInstanceOf(DomainException.class).hasMessageContaining("control characters");
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWhole() {
        assertThat(refusal(HEADER + "EGI-Critical,CVE-2024-1086,PtujRPC,\"wn01,Alma,x86_64,2026-11-21 06:12:44\n").field())
                .isEqualTo("body");
        assertThat(refusal("tag,cve,site,host\nEGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si\n"))
                .isEqualTo(new FieldError("header", "lacks the column last_report; Pakiti's header is "
                        + "tag,cve,site,host,os,arch,last_report"));
        assertThat(refusal("").field()).isEqualTo("body");
        byte[] latin1 = (HEADER + "EGI-Critical,CVE-2024-1086,Ljubljana\u00dc,wn01.x.si,Alma,x86_64,2026-11-21 06:12:44\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> pakiti("UTC").parse(latin1, List.of(), NOW)).isInstanceOf(DomainException.class)
                .hasMessageContaining("UTF-8");
    }
}
