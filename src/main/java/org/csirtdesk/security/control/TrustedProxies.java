package org.csirtdesk.security.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a request really comes from, for the sign-in throttle and its log: the address that connected, unless that
 * is one of the reverse proxies named in {@code csirt.security.trusted-proxies}; then the proxy's
 * {@code Forwarded} (RFC 7239) or, without it, {@code X-Forwarded-For} header is read from the right, over every
 * trusted proxy, to the first address that is not one: the client as the first trusted proxy saw it. Anything
 * to the left of that was written by the client and proves nothing. A header from any other peer is ignored,
 * since anyone can send one.
 *
 * <p>The list holds addresses and CIDR ranges ({@code 10.1.2.3}, {@code 192.0.2.0/24}, {@code 2001:db8::/32}),
 * never host names: a name would make every sign-in a DNS lookup. Matching is a few lines on the address bytes,
 * which spares a dependency for it.
 */
public final class TrustedProxies {

    /** An IP literal only, so that {@link InetAddress#getByName} never asks DNS. */
    private static final Pattern LITERAL =
            Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}");
    /** One element's {@code for=} value of a {@code Forwarded} header, quoted or not. */
    private static final Pattern FOR = Pattern.compile("(?i)(?:^|;)\\s*for=(\"[^\"]*\"|[^;,\\s]*)");

    /** Addresses whose first {@code bits} bits are those of {@code network}. */
    private record Range(byte[] network, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * The proxies of the configuration's list.
     *
     * @throws IllegalArgumentException naming the entry that is no address or range
     */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int slash = trimmed.indexOf('/');
            InetAddress network = address(slash < 0 ? trimmed : trimmed.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "csirt.security.trusted-proxies lists IP addresses and CIDR ranges, not '" + trimmed
                                    + "'"));
            int length = network.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? length : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > length) {
                throw new IllegalArgumentException("csirt.security.trusted-proxies: '" + trimmed
                        + "' has no prefix length " + "from 0 to " + length);
            }
            ranges.add(new Range(network.getAddress(), bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /**
     * The client's address.
     *
     * @param peer           the address that connected, as the servlet container gives it
     * @param forwarded      the {@code Forwarded} header lines, oldest first; empty when there are none
     * @param xForwardedFor  the {@code X-Forwarded-For} header lines, oldest first; empty when there are none
     */
    public String client(String peer, List<String> forwarded, List<String> xForwardedFor) {
        if (ranges.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> hops = !forwarded.isEmpty() ? forwardedFor(forwarded) : elements(xForwardedFor);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = address(hops.get(i));
            if (hop.isEmpty()) {
                // "unknown", an obfuscated name or garbage: nothing to its left can be traced; the last proxy
                // that handed the request on is as near to the client as is known.
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted(client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * Whether the client reached a trusted proxy over https, by the proxy's {@code X-Forwarded-Proto} (the last
     * value: the one the proxy that connected set). From any other peer the header is ignored.
     */
    public boolean forwardedHttps(String peer, List<String> xForwardedProto) {
        if (ranges.isEmpty() || !trusted(peer)) {
            return false;
        }
        List<String> protocols = elements(xForwardedProto);
        return !protocols.isEmpty() && "https".equalsIgnoreCase(protocols.get(protocols.size() - 1));
    }

    private boolean trusted(String address) {
        Optional<InetAddress> parsed = address(address);
        return parsed.isPresent() && ranges.stream().anyMatch(range -> range.contains(parsed.get()));
    }

    private static List<String> elements(List<String> lines) {
        return lines.stream()
                .flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::strip)
                .toList();
    }

    /** The {@code for=} of each element; an element without one stands for an unknown hop. */
    private static List<String> forwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String element : elements(lines)) {
            Matcher matcher = FOR.matcher(element);
            String value = matcher.find() ? matcher.group(1) : "unknown";
            if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1);
            }
            hops.add(value);
        }
        return hops;
    }

    /**
     * An IP literal, without the port or the brackets a {@code Forwarded} value or a servlet container may add
     * ({@code "[2001:db8::1]:4711"}, {@code 192.0.2.1:80}); empty for anything else.
     */
    private static Optional<InetAddress> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[")) {
            int end = literal.indexOf(']');
            literal = end < 0 ? "" : literal.substring(1, end);
        } else if (literal.indexOf(':') > 0
                && literal.indexOf(':') == literal.lastIndexOf(':')
                && literal.contains(".")) {
            literal = literal.substring(0, literal.indexOf(':'));
        }
        if (!LITERAL.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
