package org.csirtdesk.incident.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.IndicatorType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndicatorExtractionTest {

    private static Set<FoundIndicator> extract(String text) {
        return IndicatorExtraction.from(text);
    }

    private static FoundIndicator of(IndicatorType type, String value) {
        return new FoundIndicator(type, value);
    }

    @Test
    @DisplayName("SEC01-related: a site's report yields its addresses, names, hashes and CVE, each in canonical form")
    void aReportYieldsItsIndicators() {
        String report = """
                Dear CSIRT,
                on ui01.site-a.org we saw SSH logins from 198.51.100.7 and 2001:DB8:0:0:0:0:0:7 at 03:12:44,
                then a download of http://Evil-C2.NET/x/Loader.sh (md5 D41D8CD98F00B204E9800998ECF8427E,
                sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709,
                sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855).
                The kernel is 5.14.0-427.13.1.el9 and we think cve-2024-1086 was used. Mail the attacker: mallory@evil-c2.net.
                """;
        assertThat(extract(report))
                .contains(
                        of(IndicatorType.IPV4, "198.51.100.7"),
                        of(IndicatorType.IPV6, "2001:db8::7"),
                        of(IndicatorType.DOMAIN, "ui01.site-a.org"),
                        of(IndicatorType.DOMAIN, "evil-c2.net"),
                        of(IndicatorType.URL, "http://evil-c2.net/x/Loader.sh"),
                        of(IndicatorType.EMAIL, "mallory@evil-c2.net"),
                        of(IndicatorType.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
                        of(IndicatorType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                        of(IndicatorType.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                        of(IndicatorType.CVE, "CVE-2024-1086"));
        assertThat(extract(report))
                .extracting(FoundIndicator::value)
                .doesNotContain("03:12:44", "5.14.0", "Loader.sh", "loader.sh", "13.1.el9");
    }

    @Test
    @DisplayName("SEC01-related: defanged indicators are read as the real ones")
    void defangedIndicatorsAreRead() {
        assertThat(extract(
                        "C2 at hxxps://bad[.]example[.]com/a and 203.0.113[.]99, contact evil[@]bad[.]example[.]com"))
                .contains(
                        of(IndicatorType.URL, "https://bad.example.com/a"),
                        of(IndicatorType.IPV4, "203.0.113.99"),
                        of(IndicatorType.DOMAIN, "bad.example.com"),
                        of(IndicatorType.EMAIL, "evil@bad.example.com"));
    }

    @Test
    @DisplayName(
            "SEC01-related: version numbers, times, MAC addresses, file names and unknown top-level domains are no indicators")
    void lookalikesAreNoIndicators() {
        assertThat(extract("""
                openssh 9.6p1 on kernel 6.1.0-18, at 12:30:01, MAC 00:1a:2b:3c:4d:5e, ran ./install.sh and payload.zip,
                hosts ui.site.example and ce.site.invalid, address 999.1.2.3, a separator 00000000000000000000000000000000.
                """)).isEmpty();
    }

    @Test
    @DisplayName("SEC01-related: an indicator given by hand is checked and made canonical like an extracted one")
    void oneValueByHand() {
        assertThat(IndicatorExtraction.one(IndicatorType.IPV4, " 10.1.2.3 "))
                .contains(of(IndicatorType.IPV4, "10.1.2.3"));
        assertThat(IndicatorExtraction.one(IndicatorType.IPV4, "010.001.002.003"))
                .as("ambiguous: octal to some tools")
                .isEmpty();
        assertThat(IndicatorExtraction.one(IndicatorType.IPV6, "2001:0db8:0000:0000:0001:0000:0000:0001"))
                .contains(of(IndicatorType.IPV6, "2001:db8::1:0:0:1"));
        assertThat(IndicatorExtraction.one(IndicatorType.DOMAIN, "Evil-C2.Net."))
                .contains(of(IndicatorType.DOMAIN, "evil-c2.net"));
        assertThat(IndicatorExtraction.one(IndicatorType.CVE, "cve-2021-4034"))
                .contains(of(IndicatorType.CVE, "CVE-2021-4034"));
        assertThat(IndicatorExtraction.one(IndicatorType.SHA1, "d41d8cd98f00b204e9800998ecf8427e"))
                .isEmpty();
        assertThat(IndicatorExtraction.one(IndicatorType.IPV4, "198.51.100.256"))
                .isEmpty();
        assertThat(IndicatorExtraction.one(IndicatorType.DOMAIN, "host.not-a-tld"))
                .isEmpty();
        assertThat(IndicatorExtraction.one(IndicatorType.URL, "javascript:alert(1)"))
                .isEmpty();
    }

    @Test
    @DisplayName(
            "IPv6 addresses are written as RFC 5952 says: the longest run of zero groups compressed, the first of equals")
    void ipv6CanonicalForm() {
        assertThat(IndicatorExtraction.compressed(
                        new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1}))
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(IndicatorExtraction.compressed(
                        new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}))
                .isEqualTo("2001:db8:0:1::1");
        assertThat(IndicatorExtraction.compressed(
                        new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}))
                .isEqualTo("2001:db8:1:1:1:1:1:1");
    }
}
