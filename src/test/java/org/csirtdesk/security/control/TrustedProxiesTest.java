package org.csirtdesk.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(List.of("192.0.2.10", " 10.0.0.0/8", "2001:db8:1::/48"));

    @Test
    void withoutTrustedProxiesTheHeadersAreIgnored() {
        assertThat(TrustedProxies.none().client("192.0.2.10", List.of("for=198.51.100.7"), List.of("198.51.100.7")))
                .isEqualTo("192.0.2.10");
        assertThat(TrustedProxies.of(List.of()).client("192.0.2.10", List.of(), List.of("198.51.100.7")))
                .isEqualTo("192.0.2.10");
    }

    @Test
    void httpsIsTakenFromTheLastForwardedProtoOfATrustedProxyOnly() {
        assertThat(proxies.forwardedHttps("192.0.2.10", List.of("https"))).isTrue();
        assertThat(proxies.forwardedHttps("192.0.2.10", List.of("http, https"))).isTrue();
        assertThat(proxies.forwardedHttps("192.0.2.10", List.of("https, http"))).isFalse();
        assertThat(proxies.forwardedHttps("192.0.2.10", List.of())).isFalse();
        assertThat(proxies.forwardedHttps("198.51.100.66", List.of("https")))
                .as("from a peer that is no trusted proxy")
                .isFalse();
        assertThat(TrustedProxies.none().forwardedHttps("192.0.2.10", List.of("https")))
                .isFalse();
    }

    @Test
    void aHeaderFromAPeerThatIsNoTrustedProxyIsIgnored() {
        assertThat(proxies.client("198.51.100.66", List.of(), List.of("203.0.113.1")))
                .isEqualTo("198.51.100.66");
        assertThat(proxies.client("192.0.2.11", List.of("for=203.0.113.1"), List.of()))
                .isEqualTo("192.0.2.11");
    }

    @Test
    void fromATrustedProxyTheClientIsTheRightmostAddressThatIsNoTrustedProxy() {
        assertThat(proxies.client("192.0.2.10", List.of(), List.of("203.0.113.1")))
                .isEqualTo("203.0.113.1");
        assertThat(proxies.client("192.0.2.10", List.of(), List.of("6.6.6.6, 203.0.113.1, 10.1.2.3")))
                .as("what the client wrote itself, left of the first untrusted hop, is not believed")
                .isEqualTo("203.0.113.1");
        assertThat(proxies.client("192.0.2.10", List.of(), List.of("6.6.6.6", "203.0.113.1")))
                .as("several header lines")
                .isEqualTo("203.0.113.1");
        assertThat(proxies.client("10.9.9.9", List.of(), List.of("10.1.1.1")))
                .as("only proxies: the first of them")
                .isEqualTo("10.1.1.1");
        assertThat(proxies.client("2001:db8:1:2::5", List.of(), List.of("2001:db8:2::9")))
                .isEqualTo("2001:db8:2:0:0:0:0:9");
        assertThat(proxies.client("192.0.2.10", List.of(), List.of()))
                .as("no header: the proxy itself")
                .isEqualTo("192.0.2.10");
    }

    @Test
    void forwardedIsReadBeforeXForwardedForWithQuotesPortsAndBrackets() {
        assertThat(proxies.client(
                        "192.0.2.10", List.of("for=203.0.113.1;proto=https;by=192.0.2.10"), List.of("6.6.6.6")))
                .isEqualTo("203.0.113.1");
        assertThat(proxies.client("192.0.2.10", List.of("for=\"[2001:db8:cafe::17]:4711\", for=10.0.0.1"), List.of()))
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(proxies.client("192.0.2.10", List.of("For=\"203.0.113.9:8080\""), List.of()))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void anUntraceableHopStopsAtTheLastProxyThatHandedTheRequestOn() {
        assertThat(proxies.client("192.0.2.10", List.of("for=unknown"), List.of()))
                .isEqualTo("192.0.2.10");
        assertThat(proxies.client("192.0.2.10", List.of("for=_hidden, for=10.0.0.1"), List.of()))
                .isEqualTo("10.0.0.1");
        assertThat(proxies.client("192.0.2.10", List.of(), List.of("evil.example\nforged")))
                .isEqualTo("192.0.2.10");
        assertThat(proxies.client("192.0.2.10", List.of(), List.of("12345")))
                .as("no address, not a number read as one")
                .isEqualTo("192.0.2.10");
    }

    @Test
    void theListTakesAddressesAndRangesOnly() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example"))).hasMessageContaining("'proxy.example'");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x"))).hasMessageContaining("10.0.0.0/x");
    }
}
