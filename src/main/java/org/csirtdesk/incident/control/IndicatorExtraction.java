package org.csirtdesk.incident.control;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.DomainValidator;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.csirtdesk.incident.entity.FoundIndicator;
import org.csirtdesk.incident.entity.Indicator;
import org.csirtdesk.incident.entity.IndicatorType;

/**
 * Reads the indicators of compromise in a text (a report, a mail, a note): IPv4 and IPv6 addresses, domain names,
 * URLs, e-mail addresses, MD5/SHA-1/SHA-256 hashes and CVE ids, each in its canonical form. Reports often "defang"
 * them ({@code 198.51.100[.]7}, {@code hxxp://}); that is undone first. Candidates are found by patterns and then
 * checked by Commons Validator: addresses by their syntax, domain names against IANA's top-level domains, so that
 * {@code kernel.version} or {@code 10.3.2.1.el9} is no indicator. Which values are shared is not decided here:
 * {@link IndicatorExclusions} keeps the victims', the reporters' and the CSIRT's own out of what is shared.
 */
public final class IndicatorExtraction {

    /** A text cannot flood a ticket: more candidates than this are not read. */
    static final int MOST_PER_TEXT = 500;

    private static final Pattern URL =
            Pattern.compile("\\b(?:https?|ftp)://[^\\s<>\"'`{}|\\\\^\\[\\]]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}\\b");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9]|\\.[0-9])");
    private static final Pattern IPV6 =
            Pattern.compile("(?<![0-9A-Fa-f:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])");
    private static final Pattern HASH =
            Pattern.compile("(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])");
    private static final Pattern CVE = Pattern.compile("\\bCVE-(\\d{4})-(\\d{4,7})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN = Pattern.compile(
            "(?<![\\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9](?![\\w-]|\\.[A-Za-z0-9])");
    /** Characters a URL in running text ends with that belong to the sentence, not to the URL. */
    private static final String SENTENCE_END = ".,;:!?)'\"";
    /**
     * Top-level domains that are more often a file's extension in a report ({@code install.sh}, {@code payload.zip}):
     * a two-label name ending in one of them is taken for a file name.
     */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "sh", "py", "pl", "so", "ps", "md", "rs", "zip", "mov", "sc", "mk", "pm", "ko", "rb", "gz", "bz", "xz",
            "tar", "log", "conf", "cfg", "ini", "txt", "out", "bin", "exe");

    private static final DomainValidator DOMAINS = DomainValidator.getInstance(false);
    private static final InetAddressValidator ADDRESSES = InetAddressValidator.getInstance();
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);

    private IndicatorExtraction() {}

    /** Every indicator in the text, each once, in type then value order. */
    public static Set<FoundIndicator> from(String text) {
        Set<FoundIndicator> found = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return found;
        }
        String plain = refanged(text);
        each(URL, plain, candidate -> url(candidate), found);
        each(EMAIL, plain, IndicatorExtraction::email, found);
        each(IPV4, plain, IndicatorExtraction::ipv4, found);
        each(IPV6, plain, IndicatorExtraction::ipv6, found);
        each(HASH, plain, IndicatorExtraction::hash, found);
        each(CVE, plain, IndicatorExtraction::cve, found);
        each(DOMAIN, plain, IndicatorExtraction::domain, found);
        return found;
    }

    /** One value given by hand, checked and made canonical as extraction would; empty when it is no such indicator. */
    public static Optional<FoundIndicator> one(IndicatorType type, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String plain = refanged(value.strip());
        return switch (type) {
            case IPV4 -> ipv4(plain);
            case IPV6 -> ipv6(plain);
            case DOMAIN -> domain(plain.endsWith(".") ? plain.substring(0, plain.length() - 1) : plain);
            case URL -> url(plain);
            case EMAIL -> email(plain);
            case MD5, SHA1, SHA256 -> hash(plain).filter(found -> found.type() == type);
            case CVE -> CVE.matcher(plain).matches() ? cve(plain) : Optional.empty();
        };
    }

    /** Undoes the usual defanging: {@code [.]}, {@code (.)}, {@code [dot]}, {@code [:]}, {@code [@]}, {@code hxxp}. */
    static String refanged(String text) {
        return text.replaceAll("\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)", ".")
                .replaceAll("\\[:\\]", ":")
                .replaceAll("\\[@\\]|\\[at\\]|\\(at\\)", "@")
                .replaceAll("(?i)\\bhxxp(s?)(?=(?:\\[:\\]|:)//)", "http$1")
                .replaceAll("(?i)\\bfxp(?=://)", "ftp");
    }

    private interface Check {
        Optional<FoundIndicator> of(String candidate);
    }

    private static void each(Pattern pattern, String text, Check check, Set<FoundIndicator> found) {
        Matcher matcher = pattern.matcher(text);
        int read = 0;
        while (matcher.find() && read++ < MOST_PER_TEXT) {
            check.of(matcher.group()).ifPresent(found::add);
        }
    }

    private static Optional<FoundIndicator> url(String candidate) {
        String url = candidate;
        while (!url.isEmpty() && SENTENCE_END.indexOf(url.charAt(url.length() - 1)) >= 0) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.length() > Indicator.MAX_VALUE_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (host == null || !(DOMAINS.isValid(host) || ADDRESSES.isValid(host.replaceAll("^\\[|\\]$", "")))) {
                return Optional.empty();
            }
            // Scheme and host are case-insensitive; the path is not, so it is kept as written.
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int hostStart = url.indexOf("://") + 3;
            String rest = url.substring(hostStart);
            int hostEnd = indexOfAny(rest, "/?#");
            String authority = hostEnd < 0 ? rest : rest.substring(0, hostEnd);
            String tail = hostEnd < 0 ? "" : rest.substring(hostEnd);
            return Optional.of(
                    new FoundIndicator(IndicatorType.URL, scheme + "://" + authority.toLowerCase(Locale.ROOT) + tail));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<FoundIndicator> email(String candidate) {
        String email = candidate.toLowerCase(Locale.ROOT);
        return EMAILS.isValid(email) ? Optional.of(new FoundIndicator(IndicatorType.EMAIL, email)) : Optional.empty();
    }

    /** Octets with leading zeros are refused by the validator: some tools read them as octal, so they are ambiguous. */
    private static Optional<FoundIndicator> ipv4(String candidate) {
        return ADDRESSES.isValidInet4Address(candidate)
                ? Optional.of(new FoundIndicator(IndicatorType.IPV4, candidate))
                : Optional.empty();
    }

    private static Optional<FoundIndicator> ipv6(String candidate) {
        if (!candidate.matches(".*[0-9A-Fa-f].*") || !ADDRESSES.isValidInet6Address(candidate)) {
            return Optional.empty();
        }
        try {
            // A literal address: no name is looked up.
            InetAddress address = InetAddress.getByName(candidate);
            if (!(address instanceof Inet6Address) || address.isLoopbackAddress()) {
                return Optional.empty();
            }
            return Optional.of(new FoundIndicator(IndicatorType.IPV6, compressed(address.getAddress())));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** RFC 5952's text form: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    static String compressed(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static Optional<FoundIndicator> hash(String candidate) {
        if (!candidate.matches("[0-9A-Fa-f]+") || candidate.chars().distinct().count() < 4) {
            // A run of one or two digits (0000..., a separator line) is no file's hash.
            return Optional.empty();
        }
        IndicatorType type =
                switch (candidate.length()) {
                    case 32 -> IndicatorType.MD5;
                    case 40 -> IndicatorType.SHA1;
                    case 64 -> IndicatorType.SHA256;
                    default -> null;
                };
        return type == null
                ? Optional.empty()
                : Optional.of(new FoundIndicator(type, candidate.toLowerCase(Locale.ROOT)));
    }

    private static Optional<FoundIndicator> cve(String candidate) {
        return Optional.of(new FoundIndicator(IndicatorType.CVE, candidate.toUpperCase(Locale.ROOT)));
    }

    private static Optional<FoundIndicator> domain(String candidate) {
        String name = candidate.toLowerCase(Locale.ROOT);
        if (name.length() > 253 || !DOMAINS.isValid(name)) {
            return Optional.empty();
        }
        String[] labels = name.split("\\.");
        if (labels.length == 2 && FILE_EXTENSIONS.contains(labels[1])) {
            return Optional.empty();
        }
        return Optional.of(new FoundIndicator(IndicatorType.DOMAIN, name));
    }
}
