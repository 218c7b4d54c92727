package org.csirtdesk.finding.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.csirtdesk.finding.entity.Source;
import org.junit.jupiter.api.Test;

/**
 * The configuration keys of the source tokens and the digest they hold. The test classpath has the MicroProfile
 * Config API but no implementation of it, so {@code load()}, {@code isConfigured} and {@code sourceOf}, which
 * need an injected {@code Config}, are left to the integration tests.
 */
class SourceTokensTest {

    @Test
    void eachSourceHasItsOwnKey() {
        assertThat(SourceTokens.key(Source.ALERTMANAGER)).isEqualTo("csirt.alerts.alertmanager.token-sha256");
        assertThat(SourceTokens.key(Source.PAKITI)).isEqualTo("csirt.alerts.pakiti.token-sha256");
        assertThat(SourceTokens.key(Source.ARGO)).isEqualTo("csirt.alerts.argo.token-sha256");
        assertThat(Arrays.stream(Source.values()).map(SourceTokens::key).distinct())
                .hasSize(Source.values().length);
    }

    @Test
    void theDigestIsSha256OfTheTokensUtf8Bytes() {
        assertThat(HexFormat.of().formatHex(SourceTokens.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(SourceTokens.sha256("")).hasSize(32);
        assertThat(SourceTokens.sha256("tökén")).isNotEqualTo(SourceTokens.sha256("t?k?n"));
    }

    @Test
    void theDigestIsWhatTheDocumentedCommandPrints() throws Exception {
        // printf %s "s3cr3t-token-for-pakiti" | sha256sum
        String configured = "72720490d652ae64ded57c31fc1cdb70020a1d31e326f60d7a6148880154089c";
        assertThat(SourceTokens.sha256("s3cr3t-token-for-pakiti"))
                .isEqualTo(HexFormat.of().parseHex(configured));
        assertThat(SourceTokens.sha256("tökén"))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest("tökén".getBytes(StandardCharsets.UTF_8)));
    }
}
