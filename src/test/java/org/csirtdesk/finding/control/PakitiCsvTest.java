package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.csirtdesk.finding.control.Fixtures.utf8;

import java.io.ByteArrayOutputStream;
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
        return catchThrowableOfType(DomainException.class, () -> parse(csv))
                .errors()
                .get(0);
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
        assertThat(batch.coverage().exposures())
                .containsExactlyInAnyOrder(
                        new ExposureKey("PtujRPC", "CVE-2024-1086"), new ExposureKey("Izola MRF", "CVE-2021-4034"));
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstColumn() {
        AlertBatch batch = parse("\uFEFF" + HEADER + "EGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,Alma,x86_64,"
                + "2026-11-21 06:12:44\n");
        assertThat(batch.observations()).extracting(Observation::host).containsExactly("wn01.ptujrpc.si");
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void lastReportIsReadInThePakitiServersZone() {
        AlertBatch batch = pakiti("Europe/Ljubljana")
                .parse(
                        utf8(
                                HEADER
                                        + "EGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,Alma,x86_64,2026-11-21 06:12:44\n"),
                        List.of(),
                        NOW);
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
        assertThat(batch.observations())
                .extracting(Observation::host)
                .containsExactly("wn01.ptujrpc.si", "ce01.izolamrf.si");
        assertThat(batch.rejected())
                .extracting(FieldError::field)
                .containsExactly("line 3: last_report", "line 4: row");
        assertThat(batch.coverage().exposures()).containsExactly(new ExposureKey("Izola MRF", "CVE-2024-1086"));
    }

    @Test
    void sitesTheSenderSaysAreCoveredAreCoveredEvenWithoutRows() {
        AlertBatch batch = pakiti("UTC").parse(utf8(HEADER), List.of("PtujRPC", " SSC "), NOW);
        assertThat(batch.coverage().sites()).containsExactlyInAnyOrder("PtujRPC", "SSC");
        assertThatThrownBy(() -> pakiti("UTC").parse(utf8(HEADER), List.of("Bad\nSite"), NOW))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("control characters");
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWhole() {
        assertThat(refusal(HEADER + "EGI-Critical,CVE-2024-1086,PtujRPC,\"wn01,Alma,x86_64,2026-11-21 06:12:44\n")
                        .field())
                .isEqualTo("body");
        assertThat(refusal("tag,cve,site,host\nEGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si\n"))
                .isEqualTo(new FieldError(
                        "header",
                        "lacks the column last_report; Pakiti's header is " + "tag,cve,site,host,os,arch,last_report"));
        assertThat(refusal("").field()).isEqualTo("body");
        byte[] latin1 = (HEADER
                        + "EGI-Critical,CVE-2024-1086,Ljubljana\u00dc,wn01.x.si,Alma,x86_64,2026-11-21 06:12:44\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> pakiti("UTC").parse(latin1, List.of(), NOW))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("UTF-8");
    }

    private static final String ROW =
            "EGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,Alma,x86_64,2026-11-21 06:12:44";
    private static final String SHORT_ROW = "EGI-Critical,CVE-2024-1086,PtujRPC,wn09.ptujrpc.si,Alma,x86_64";

    private static List<String> rejectedLines(String csv) {
        return parse(csv).rejected().stream().map(FieldError::field).toList();
    }

    @Test
    void theFixtureListsEveryHostWithItsTimeAndCoversNoWholeSite() {
        AlertBatch batch = pakiti("UTC").parse(Fixtures.bytes("pakiti-hosts.csv"), List.of(), NOW);
        assertThat(batch.observations())
                .extracting(
                        Observation::reportedSite,
                        Observation::host,
                        Observation::vulnerability,
                        Observation::observedAt)
                .containsExactly(
                        tuple("PtujRPC", "wn01.ptujrpc.si", "CVE-2024-1086", Instant.parse("2026-11-21T06:12:44Z")),
                        tuple("PtujRPC", "wn02.ptujrpc.si", "CVE-2024-1086", Instant.parse("2026-11-21T06:14:02Z")),
                        tuple("Izola MRF", "ce01.izolamrf.si", "CVE-2021-4034", Instant.parse("2026-11-20T23:01:10Z")));
        assertThat(batch.ignored()).isZero();
        assertThat(batch.received()).isEqualTo(3);
        assertThat(batch.coverage().sites()).isEmpty();
    }

    @Test
    void theFixtureReadInLjubljanaIsAnHourEarlierInUtc() {
        AlertBatch batch = pakiti("Europe/Ljubljana").parse(Fixtures.bytes("pakiti-hosts.csv"), List.of(), NOW);
        assertThat(batch.observations().get(0).observedAt()).isEqualTo(Instant.parse("2026-11-21T05:12:44Z"));
    }

    @Test
    void anotherTagIsIgnoredAndLeavesItsSiteAndCveUncovered() {
        AlertBatch batch = parse(HEADER + ROW + "\n"
                + "EGI-High,CVE-2021-4034,PtujRPC,wn01.ptujrpc.si,Alma,x86_64,2026-11-21 06:12:44\n");
        assertThat(batch.observations()).hasSize(1);
        assertThat(batch.ignored()).isEqualTo(1);
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.coverage().exposures()).containsExactly(new ExposureKey("PtujRPC", "CVE-2024-1086"));
    }

    @Test
    void aQuotedFieldHoldsACommaAndDoubledQuotes() {
        AlertBatch batch = parse(HEADER + "EGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,"
                + "\"AlmaLinux 9.3, \"\"Shamrock\"\"\",x86_64,\"2026-11-21 06:12:44\"\n");
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.observations().get(0).detail()).isEqualTo("AlmaLinux 9.3, \"Shamrock\" x86_64");
    }

    @Test
    void aRowWithTooManyFieldsIsRefusedByLineAndTakesItsSiteOutOfTheCoverage() {
        AlertBatch batch = parse(HEADER + ROW + "\n"
                + "EGI-Critical,CVE-2021-4034,PtujRPC,wn02.ptujrpc.si,AlmaLinux 9.3, Shamrock,x86_64,2026-11-21 06:12:44\n"
                + "EGI-Critical,CVE-2021-4034,Izola MRF,ce01.izolamrf.si,CentOS,x86_64,2026-11-20 23:01:10\n");
        assertThat(batch.rejected()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("line 3: row");
            assertThat(error.reason()).isEqualTo("has 8 fields; the header has 7");
        });
        assertThat(batch.observations())
                .extracting(Observation::host)
                .containsExactly("wn01.ptujrpc.si", "ce01.izolamrf.si");
        assertThat(batch.coverage().exposures()).containsExactly(new ExposureKey("Izola MRF", "CVE-2021-4034"));
    }

    @Test
    void aSiteTheSenderCoversIsNotCoveredWhenOneOfItsRowsIsBad() {
        AlertBatch batch = pakiti("UTC")
                .parse(
                        utf8(HEADER + ROW + "\n" + SHORT_ROW.replace("Alma,x86_64", "Alma,x86_64,x,y") + "\n"),
                        List.of("PtujRPC", "SSC"),
                        NOW);
        assertThat(batch.coverage().sites()).containsExactly("SSC");
        assertThat(batch.coverage().exposures()).isEmpty();
    }

    @Test
    void aHeaderWithoutLastReportIsRefused() {
        assertThat(refusal(
                                "tag,cve,site,host,os,arch\nEGI-Critical,CVE-2024-1086,PtujRPC,wn01.ptujrpc.si,Alma,x86_64\n")
                        .field())
                .isEqualTo("header");
    }

    @Test
    void anUnterminatedQuoteOrNothingAtAllIsRefusedAsTheBody() {
        FieldError unterminated = refusal(HEADER + ROW + "\nEGI-Critical,CVE-2024-1086,\"PtujRPC,wn02.ptujrpc.si\n");
        assertThat(unterminated.field()).isEqualTo("body");
        assertThat(unterminated.reason()).startsWith("is not a readable CSV file");
        assertThat(refusal("").reason()).startsWith("is empty");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWhereverTheyAre() {
        byte[] invalid = {(byte) 0xC3, (byte) 0x28};
        byte[] early = concat(
                utf8(HEADER + "EGI-Critical,CVE-2024-1086,Ptuj"),
                invalid,
                utf8(",wn01.x.si,Alma,x86_64,2026-11-21 06:12:44\n"));
        // Past the first buffer the reader decodes, so the bytes are met while iterating over the rows.
        byte[] late = concat(
                utf8(HEADER + (ROW + "\n").repeat(400) + "EGI-Critical,CVE-2024-1086,Ptuj"),
                invalid,
                utf8(",wn01.x.si,Alma,x86_64,2026-11-21 06:12:44\n"));
        for (byte[] body : List.of(early, late)) {
            DomainException refused = catchThrowableOfType(
                    DomainException.class, () -> pakiti("UTC").parse(body, List.of(), NOW));
            assertThat(refused.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("body");
                assertThat(error.reason()).contains("UTF-8");
            });
        }
    }

    @Test
    void aCoveredSiteParameterMustNameASite() {
        DomainException blank = catchThrowableOfType(
                DomainException.class, () -> pakiti("UTC").parse(utf8(HEADER), List.of("PtujRPC", " "), NOW));
        assertThat(blank.errors()).extracting(FieldError::field).containsExactly("site");
        DomainException tab = catchThrowableOfType(
                DomainException.class, () -> pakiti("UTC").parse(utf8(HEADER), List.of("Ptuj\tRPC"), NOW));
        assertThat(tab.errors().get(0).reason()).contains("control characters");
    }

    @Test
    void lineNumbersCountTheHeaderAndBlankLines() {
        assertThat(rejectedLines(HEADER + ROW + "\n" + SHORT_ROW + "\n")).containsExactly("line 3: row");
        assertThat(rejectedLines(HEADER + "\n" + ROW + "\n\n" + SHORT_ROW + "\n" + ROW + "\n"))
                .containsExactly("line 5: row");
    }

    @Test
    void lineNumbersWithWindowsLineBreaks() {
        assertThat(rejectedLines((HEADER + ROW + "\n" + SHORT_ROW + "\n" + ROW + "\n").replace("\n", "\r\n")))
                .containsExactly("line 3: row");
    }

    @Test
    void aLineAfterAQuotedLineBreakIsNamedByItsPhysicalLine() {
        String twoLines =
                "EGI-Critical,CVE-2024-1086,PtujRPC,wn02.ptujrpc.si,\"AlmaLinux\n9.3\",x86_64,2026-11-21 06:12:44";
        assertThat(rejectedLines(HEADER + twoLines + "\n" + SHORT_ROW + "\n")).containsExactly("line 4: row");
    }

    /**
     * A row that spans lines (a quoted line break) is where it starts: the sender opens the file at that line and
     * sees the row. Commons CSV's getCurrentLineNumber() is the line the row ends on.
     */
    @Test
    void aBadRowSpanningTwoLinesIsNamedByTheLineItStartsOn() {
        String twoLines = "EGI-Critical,CVE-2024-1086,PtujRPC,wn02.ptujrpc.si,\"AlmaLinux\n9.3\",x86_64";
        assertThat(rejectedLines(HEADER + twoLines + "\n" + ROW + "\n")).containsExactly("line 2: row");
    }

    /** The last row of a file need not end in a line break; it is still on the line it is on. */
    @Test
    void theLastRowWithoutALineBreakIsNamedByItsPhysicalLine() {
        assertThat(rejectedLines(HEADER + ROW + "\n" + SHORT_ROW)).containsExactly("line 3: row");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
