package org.csirtdesk.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboxSettingsTest {

    private static InboxSettings settings(List<String> addresses, Optional<String> digest) {
        InboxSettings settings = new InboxSettings();
        settings.allowedAddresses = addresses;
        settings.secretDigest = digest;
        settings.read();
        return settings;
    }

    @Test
    @DisplayName("Only the listed addresses may post, IPv6 spelt any way; a host name in the list is refused at start")
    void addresses() {
        InboxSettings settings = settings(List.of("127.0.0.1", " ::1 "), Optional.empty());

        assertThat(settings.allows("127.0.0.1")).isTrue();
        assertThat(settings.allows("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(settings.allows("10.0.0.1")).isFalse();
        assertThat(settings.allows("localhost")).isFalse();
        assertThat(settings.allows(null)).isFalse();
        assertThat(settings.needsSecret()).isFalse();
        assertThatThrownBy(() -> settings(List.of("mx.egi.example"), Optional.empty()))
                .hasMessageContaining("IP addresses");
    }

    @Test
    @DisplayName("The secret is configured as its SHA-256 digest; the secret itself in the key is refused at start")
    void secret() throws Exception {
        String digest = HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest("s3cret gateway".getBytes(StandardCharsets.UTF_8)));
        InboxSettings settings = settings(List.of("127.0.0.1"), Optional.of(digest.toUpperCase()));

        assertThat(settings.needsSecret()).isTrue();
        assertThat(settings.isSecret("s3cret gateway")).isTrue();
        assertThat(settings.isSecret("s3cret gatewa")).isFalse();
        assertThatThrownBy(() -> settings(List.of("127.0.0.1"), Optional.of("s3cret gateway")))
                .hasMessageContaining("SHA-256 digest");
    }
}
