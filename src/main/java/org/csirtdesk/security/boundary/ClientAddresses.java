package org.csirtdesk.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.csirtdesk.security.control.TrustedProxies;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is at the other end of a request: the address that connected, or, when that is one of the reverse proxies
 * named in {@code csirt.security.trusted-proxies}, the client the proxy says it forwards; and whether the client
 * speaks https. The one reader of the setting: the desk's sign-in throttle and cookies, and the mail gateway's
 * allowed addresses, all see the same client.
 */
@ApplicationScoped
public class ClientAddresses {

    /** Off by default: behind no proxy, or one not named here, the address that connected is the client's. */
    @Inject
    @ConfigProperty(name = "csirt.security.trusted-proxies")
    Optional<String> trustedProxyList;

    private TrustedProxies trustedProxies;

    @PostConstruct
    void readTrustedProxies() {
        trustedProxies = trustedProxyList
                .map(list -> TrustedProxies.of(List.of(list.split(","))))
                .orElseGet(TrustedProxies::none);
    }

    /** The client's address, read from a trusted proxy's header when the request comes through one. */
    public String of(HttpServletRequest request) {
        return trustedProxies.client(
                request.getRemoteAddr(),
                Collections.list(request.getHeaders("Forwarded")),
                Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** Whether the client speaks https: directly, or to a trusted proxy that says so. */
    public boolean https(HttpServletRequest request) {
        return request.isSecure()
                || trustedProxies.forwardedHttps(
                        request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-Proto")));
    }
}
