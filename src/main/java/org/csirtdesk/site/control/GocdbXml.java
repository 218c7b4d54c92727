package org.csirtdesk.site.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.ContactRecord;
import org.csirtdesk.site.entity.HostRecord;
import org.csirtdesk.site.entity.NgiRecord;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChangeRecord;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads GOCDB's Programmatic Interface XML leniently. GOCDB's published schemas are stale (get_site carries
 * elements they lack), so nothing is validated: elements are found by name, unknown ones are ignored and a
 * missing one is null. What is not XML, or is {@code <error>}, is GOCDB refusing, even under HTTP 200.
 */
final class GocdbXml {

    private static final Logger LOG = Logger.getLogger(GocdbXml.class.getName());
    private static final DateTimeFormatter CHANGE_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH.mm.ss", Locale.ENGLISH);
    private static final DocumentBuilderFactory FACTORY = secureFactory();

    /** One answer of a method: its items, and where paging goes next ({@code nextCursor} null: no paging). */
    record Page(List<Element> items, int count, int maxPageSize, String nextCursor) {}

    private GocdbXml() {}

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            // The registry's answers are data: no DTDs, no external entities, no includes.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
        }
        return factory;
    }

    /** The items of one answer; GOCDB's error answers become a {@link RegistryRefusal}. */
    static Page page(byte[] body, String method) {
        String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8)
                .strip()
                .replace("\uFEFF", "");
        if (start.isEmpty()) {
            throw new RegistryRefusal("GOCDB answered " + method + " with an empty body");
        }
        if (!start.startsWith("<")) {
            throw new RegistryRefusal("GOCDB answered " + method + " with an error: "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
        Document document;
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            // A cut-off or mangled answer is usually a passing fault of the network or a proxy.
            throw new RegistryUnavailable("GOCDB's answer to " + method + " is not readable XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = document.getDocumentElement();
        String rootName = root.getTagName().toLowerCase(Locale.ROOT);
        if (rootName.equals("error")) {
            throw new RegistryRefusal(
                    "GOCDB answered " + method + " with an error: " + abbreviate(root.getTextContent()));
        }
        if (rootName.equals("html")) {
            throw new RegistryUnavailable("GOCDB answered " + method + " with a web page (maintenance?): "
                    + abbreviate(root.getTextContent()));
        }
        if (!rootName.equals("results")) {
            throw new RegistryRefusal(
                    "GOCDB answered " + method + " with <" + root.getTagName() + "> instead of <results>");
        }
        List<Element> items = new ArrayList<>();
        Element meta = null;
        for (Element child : children(root)) {
            String name = child.getTagName();
            if (name.equals("meta")) {
                meta = child;
            } else if (name.equalsIgnoreCase("error")) {
                throw new RegistryRefusal(
                        "GOCDB answered " + method + " with an error: " + abbreviate(child.getTextContent()));
            } else {
                items.add(child);
            }
        }
        if (meta == null) {
            return new Page(items, items.size(), 0, null);
        }
        int count = integer(text(meta, "count")).orElse(items.size());
        int maxPageSize = integer(text(meta, "max_page_size")).orElse(0);
        String next = null;
        for (Element link : children(meta)) {
            if (link.getTagName().equals("link") && "next".equals(link.getAttribute("rel"))) {
                next = cursorOf(link.getAttribute("href"));
            }
        }
        return new Page(items, count, maxPageSize, next);
    }

    private static String cursorOf(String href) {
        int query = href.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : href.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals("next_cursor")) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A site of get_site; one whose status GOCDB spells in a way we do not know is skipped (and logged). */
    static Optional<SiteRecord> site(Element site) {
        String name = firstNonNull(text(site, "SHORT_NAME"), site.getAttribute("NAME"));
        String primaryKey = firstNonNull(text(site, "PRIMARY_KEY"), site.getAttribute("PRIMARY_KEY"));
        String statusText = text(site, "CERTIFICATION_STATUS");
        Optional<CertificationStatus> status = CertificationStatus.parse(statusText);
        if (name == null || primaryKey == null || status.isEmpty()) {
            LOG.warning(() ->
                    "GOCDB site skipped: name " + name + ", primary key " + primaryKey + ", status " + statusText);
            return Optional.empty();
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        child(site, "EXTENSIONS").ifPresent(list -> children(list).forEach(extension -> {
            String key = text(extension, "KEY");
            if (key != null) {
                extensions.put(
                        key, Optional.ofNullable(text(extension, "VALUE")).orElse(""));
            }
        }));
        return Optional.of(new SiteRecord(
                primaryKey,
                blankToNull(site.getAttribute("ID")),
                name,
                text(site, "OFFICIAL_NAME"),
                firstNonNull(text(site, "ROC"), site.getAttribute("ROC")),
                text(site, "COUNTRY_CODE"),
                status.get(),
                text(site, "PRODUCTION_INFRASTRUCTURE"),
                text(site, "TIMEZONE"),
                email(text(site, "CONTACT_EMAIL")),
                email(text(site, "CSIRT_EMAIL")),
                text(site, "GOCDB_PORTAL_URL"),
                child(site, "DOMAIN")
                        .map(domain -> text(domain, "DOMAIN_NAME"))
                        .map(domain -> domain.strip().toLowerCase(java.util.Locale.ROOT))
                        .filter(domain -> !domain.isEmpty())
                        .orElse(null),
                extensions));
    }

    /** The contacts nested in a SITE (get_site_contacts) or ROC (get_roc_contacts) element. */
    static List<ContactRecord> contacts(Element owner) {
        String ownerName = firstNonNull(
                text(owner, "SHORT_NAME"),
                text(owner, "ROCNAME"),
                blankToNull(owner.getAttribute("NAME")),
                blankToNull(owner.getAttribute("ROC_NAME")));
        List<ContactRecord> contacts = new ArrayList<>();
        for (Element contact : children(owner)) {
            if (!contact.getTagName().equals("CONTACT")) {
                continue;
            }
            String email = email(text(contact, "EMAIL"));
            String role = text(contact, "ROLE_NAME");
            if (ownerName != null && email != null && role != null) {
                String name = String.join(
                                " ",
                                Optional.ofNullable(text(contact, "FORENAME")).orElse(""),
                                Optional.ofNullable(text(contact, "SURNAME")).orElse(""))
                        .strip();
                contacts.add(new ContactRecord(ownerName, email, role, name.isEmpty() ? null : name));
            }
        }
        return contacts;
    }

    /** Site name and CSIRT e-mail of get_site_security_info. */
    static Optional<Map.Entry<String, String>> csirtEmail(Element site) {
        String name = firstNonNull(text(site, "SHORT_NAME"), blankToNull(site.getAttribute("NAME")));
        String email = email(text(site, "CSIRT_EMAIL"));
        return name == null || email == null ? Optional.empty() : Optional.of(Map.entry(name, email));
    }

    static Optional<NgiRecord> ngi(Element ngi) {
        String name = firstNonNull(text(ngi, "NAME"), blankToNull(ngi.getAttribute("NAME")));
        return name == null
                ? Optional.empty()
                : Optional.of(new NgiRecord(name, email(text(ngi, "EMAIL")), email(text(ngi, "SECURITY_EMAIL"))));
    }

    static Optional<HostRecord> host(Element endpoint) {
        String hostname = text(endpoint, "HOSTNAME");
        String site = text(endpoint, "SITENAME");
        if (hostname == null || site == null) {
            return Optional.empty();
        }
        return Optional.of(new HostRecord(
                hostname.toLowerCase(Locale.ROOT),
                site,
                Optional.ofNullable(text(endpoint, "SERVICE_TYPE")).orElse("unknown")));
    }

    static Optional<StatusChangeRecord> statusChange(Element result) {
        Optional<CertificationStatus> from = CertificationStatus.parse(text(result, "OLD_STATUS"));
        Optional<CertificationStatus> to = CertificationStatus.parse(text(result, "NEW_STATUS"));
        String site = text(result, "SITE");
        Optional<Instant> at = changeTime(result);
        if (site == null || from.isEmpty() || to.isEmpty() || at.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StatusChangeRecord(
                site, from.get(), to.get(), at.get(), text(result, "CHANGED_BY"), text(result, "COMMENT")));
    }

    /** GOCDB gives the epoch seconds and a UTC text; the seconds are unambiguous. */
    private static Optional<Instant> changeTime(Element result) {
        String unixText = text(result, "UNIX_TIME");
        if (unixText != null && unixText.matches("\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(unixText)));
        }
        String time = text(result, "TIME");
        try {
            return time == null
                    ? Optional.empty()
                    : Optional.of(LocalDateTime.parse(time, CHANGE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent).stream()
                .filter(child -> child.getTagName().equalsIgnoreCase(name))
                .findFirst();
    }

    /** The trimmed text of the first child element of that name, or null when absent or empty. */
    private static String text(Element parent, String name) {
        return child(parent, name)
                .map(Element::getTextContent)
                .map(GocdbXml::blankToNull)
                .orElse(null);
    }

    private static String email(String text) {
        return text == null || !text.contains("@") ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Integer> integer(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null && !(value instanceof String text && text.isBlank())) {
                return value;
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
    }
}
