package org.csirtdesk.incident.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of indicator of compromise the desk knows, with the STIX 2.1 object path of each in a pattern. A CVE is
 * no observable: STIX describes it as a {@code vulnerability}, so it has no pattern.
 */
public enum IndicatorType {
    IPV4("ipv4", "ipv4-addr:value"),
    IPV6("ipv6", "ipv6-addr:value"),
    DOMAIN("domain", "domain-name:value"),
    URL("url", "url:value"),
    EMAIL("email", "email-addr:value"),
    MD5("md5", "file:hashes.MD5"),
    SHA1("sha1", "file:hashes.'SHA-1'"),
    SHA256("sha256", "file:hashes.'SHA-256'"),
    CVE("cve", null);

    private final String slug;
    private final String stixPath;

    IndicatorType(String slug, String stixPath) {
        this.slug = slug;
        this.stixPath = stixPath;
    }

    public String slug() {
        return slug;
    }

    /** The object path of a STIX pattern, e.g. {@code ipv4-addr:value}; empty for a CVE. */
    public Optional<String> stixPath() {
        return Optional.ofNullable(stixPath);
    }

    public static Optional<IndicatorType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace("-", "");
        return Arrays.stream(values()).filter(type -> type.slug.equals(wanted)).findFirst();
    }

    public static String slugs() {
        return String.join(
                ", ", Arrays.stream(values()).map(IndicatorType::slug).toList());
    }
}
