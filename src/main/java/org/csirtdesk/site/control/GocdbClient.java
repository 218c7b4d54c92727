package org.csirtdesk.site.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.ContactRecord;
import org.csirtdesk.site.entity.HostRecord;
import org.csirtdesk.site.entity.NgiRecord;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChangeRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A client of GOCDB's Programmatic Interface ({@code /gocdbpi}), its portal's certification-status form and
 * its write API for extension properties. Every read passes {@code scope} (EGI by default) where the method
 * takes it and follows {@code next_cursor} paging where it offers it.
 */
@ApplicationScoped
public class GocdbClient {

    /** A bound on paging, should GOCDB ever hand out a cursor that does not advance. */
    private static final int MAX_PAGES = 10_000;

    @Inject
    GocdbHttp http;

    @Inject
    @ConfigProperty(name = "csirt.gocdb.url", defaultValue = "https://goc.egi.eu")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "csirt.gocdb.scope", defaultValue = "EGI")
    String scope;

    public List<SiteRecord> sites() {
        return read(GocdbMethod.GET_SITE, Map.of(), element -> GocdbXml.site(element)
                .map(List::of)
                .orElse(List.of()));
    }

    public Optional<SiteRecord> site(String name) {
        return read(GocdbMethod.GET_SITE, Map.of("sitename", name), element -> GocdbXml.site(element)
                        .map(List::of)
                        .orElse(List.of()))
                .stream()
                .filter(site -> site.name().equals(name))
                .findFirst();
    }

    /** Every site's contacts with a site-level role, all roles. */
    public List<ContactRecord> siteContacts() {
        return read(GocdbMethod.GET_SITE_CONTACTS, Map.of(), GocdbXml::contacts);
    }

    /** Each site's CSIRT e-mail. */
    public Map<String, String> csirtEmails() {
        Map<String, String> emails = new LinkedHashMap<>();
        read(GocdbMethod.GET_SITE_SECURITY_INFO, Map.of(), element -> GocdbXml.csirtEmail(element)
                        .map(List::of)
                        .orElse(List.of()))
                .forEach(entry -> emails.put(entry.getKey(), entry.getValue()));
        return emails;
    }

    public List<NgiRecord> ngis() {
        return read(GocdbMethod.GET_NGI, Map.of(), element -> GocdbXml.ngi(element)
                .map(List::of)
                .orElse(List.of()));
    }

    /** The NGIs' contacts with the given role ("NGI Security Officer"). */
    public List<ContactRecord> ngiContacts(String role) {
        return read(GocdbMethod.GET_ROC_CONTACTS, Map.of("roletype", role), GocdbXml::contacts);
    }

    public List<HostRecord> hosts() {
        return read(GocdbMethod.GET_SERVICE_ENDPOINT, Map.of(), element -> GocdbXml.host(element)
                .map(List::of)
                .orElse(List.of()));
    }

    public List<StatusChangeRecord> statusChanges(String site) {
        return read(GocdbMethod.GET_CERT_STATUS_CHANGES, Map.of("site", site), element -> GocdbXml.statusChange(element)
                .map(List::of)
                .orElse(List.of()));
    }

    /**
     * Submits GOCDB portal's certification-status form for a site, as a person with the right role would:
     * the form gives the numeric id of each status, the answer says "Success" or shows an error.
     */
    public void submitCertificationStatus(String gocdbId, CertificationStatus target, String reason) {
        URI form = URI.create(baseUrl + "/portal/index.php?Page_Type=Edit_Certification_Status&id=" + encode(gocdbId));
        Document page = Jsoup.parse(guarded(() -> http.page(form)), form.toString());
        refuseIfError(page);
        Element option = page.select("select[name=CERTSTATUSID] option").stream()
                .filter(candidate -> candidate.text().strip().equalsIgnoreCase(target.label()))
                .findFirst()
                .orElseThrow(() -> new RegistryRefusal("GOCDB's certification-status form for site " + gocdbId
                        + " offers no status " + target.label()));
        String body = "CERTSTATUSID=" + encode(option.attr("value")) + "&COMMENT=" + encode(reason) + "&SITEID="
                + encode(gocdbId);
        GocdbHttp.Answer answer = guarded(() -> http.write(
                URI.create(baseUrl + "/portal/index.php?Page_Type=Edit_Certification_Status"),
                "POST",
                "application/x-www-form-urlencoded",
                body));
        Document result = Jsoup.parse(answer.body());
        refuseIfError(result);
        if (result.select("h1.Success").isEmpty()) {
            throw new RegistryRefusal("GOCDB's portal did not confirm the status change: " + abbreviate(result.text()));
        }
    }

    /** Sets an extension property of a site through GOCDB's write API (PUT overwrites an existing one). */
    public void putSiteExtension(String gocdbId, String property, String value) {
        URI uri = URI.create(
                baseUrl + "/gocdbpi/v5/Site/" + encode(gocdbId) + "/ExtensionProperties/" + encode(property));
        String json = jakarta.json.Json.createObjectBuilder()
                .add("value", value)
                .build()
                .toString();
        guarded(() -> http.write(uri, "PUT", "application/json", json));
    }

    private static void refuseIfError(Document page) {
        for (Element heading : page.select("h1")) {
            if (heading.text().strip().equalsIgnoreCase("Error")) {
                throw new RegistryRefusal("GOCDB's portal refused: "
                        + abbreviate(heading.parent().text().replaceFirst("^\\s*Error\\s*", "")));
            }
        }
    }

    private <T> List<T> read(
            GocdbMethod method, Map<String, String> parameters, Function<org.w3c.dom.Element, List<T>> mapper) {
        List<T> results = new ArrayList<>();
        String cursor = method.pageable ? "0" : null;
        Set<String> seen = new HashSet<>();
        for (int pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
            URI uri = uri(method, parameters, cursor);
            GocdbXml.Page page = GocdbXml.page(guarded(() -> http.read(uri)), method.method);
            page.items().forEach(item -> results.addAll(mapper.apply(item)));
            // GOCDB's paging ends at an empty page, or at one shorter than the page size.
            boolean more = cursor != null
                    && page.nextCursor() != null
                    && page.count() > 0
                    && (page.maxPageSize() == 0 || page.count() >= page.maxPageSize());
            if (!more) {
                return results;
            }
            if (!seen.add(page.nextCursor())) {
                throw new RegistryRefusal(
                        "GOCDB's paging of " + method.method + " repeats cursor " + page.nextCursor());
            }
            cursor = page.nextCursor();
        }
        throw new RegistryRefusal("GOCDB's paging of " + method.method + " did not end after " + MAX_PAGES + " pages");
    }

    private URI uri(GocdbMethod method, Map<String, String> parameters, String cursor) {
        StringBuilder uri = new StringBuilder(baseUrl)
                .append(http.authenticated() ? "/gocdbpi/private/" : "/gocdbpi/public/")
                .append("?method=")
                .append(method.method);
        parameters.forEach(
                (name, value) -> uri.append('&').append(name).append('=').append(encode(value)));
        if (method.scoped) {
            uri.append("&scope=").append(encode(scope));
        }
        if (cursor != null) {
            uri.append("&next_cursor=").append(encode(cursor));
        }
        return URI.create(uri.toString());
    }

    /** An open circuit is GOCDB being unavailable, in the port's terms. */
    private static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException e) {
            throw new RegistryUnavailable("GOCDB failed repeatedly; calls are paused for a while", e);
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException e) {
            throw new RegistryUnavailable("GOCDB did not answer in time", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
    }
}
