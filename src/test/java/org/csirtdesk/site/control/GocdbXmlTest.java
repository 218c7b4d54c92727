package org.csirtdesk.site.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.ContactRecord;
import org.csirtdesk.site.entity.HostRecord;
import org.csirtdesk.site.entity.NgiRecord;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.site.entity.StatusChangeRecord;
import org.junit.jupiter.api.Test;

/** GOCDB's real answers (the fixtures of a GOCDB 5.12 instance and of its documentation), read leniently. */
class GocdbXmlTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = GocdbXmlTest.class.getClassLoader().getResourceAsStream("gocdb/" + name)) {
            return in.readAllBytes();
        }
    }

    private static GocdbXml.Page page(String fixture) throws IOException {
        return GocdbXml.page(fixture(fixture), fixture);
    }

    @Test
    void getSiteGivesEverySiteWithStatusTimeZoneAndCsirtAddress() throws IOException {
        List<SiteRecord> sites = page("local-get_site_ngi_si.xml").items().stream()
                .map(GocdbXml::site)
                .flatMap(Optional::stream)
                .toList();
        assertThat(sites)
                .extracting(SiteRecord::name)
                .containsExactly("SSC", "Izola MRF", "grid-ljubljana-uni", "PtujRPC");
        SiteRecord ptuj = sites.get(3);
        assertThat(ptuj.primaryKey()).isEqualTo("203G0");
        assertThat(ptuj.gocdbId()).isEqualTo("16");
        assertThat(ptuj.ngi()).isEqualTo("NGI_SI");
        assertThat(ptuj.status()).isEqualTo(CertificationStatus.SUSPENDED);
        assertThat(ptuj.timeZone()).isEqualTo("Europe/Ljubljana");
        assertThat(ptuj.csirtEmail()).isEqualTo("csirt@ptujrpc.si");
        assertThat(sites.get(1).status()).isEqualTo(CertificationStatus.CLOSED);
    }

    @Test
    void elementsTheStaleSchemaLacksAreReadAndUnknownOnesIgnored() throws IOException {
        String xml = new String(fixture("local-get_site.xml"), StandardCharsets.UTF_8)
                .replace(
                        "<EXTENSIONS/>",
                        "<EXTENSIONS><EXTENSION><LOCAL_ID>1</LOCAL_ID><KEY>EGI_CSIRT_TICKET</KEY>"
                                + "<VALUE>[CSIRT #42]</VALUE></EXTENSION></EXTENSIONS><NEW_ELEMENT_OF_GOCDB_6>x</NEW_ELEMENT_OF_GOCDB_6>");
        SiteRecord site = GocdbXml.site(GocdbXml.page(xml.getBytes(StandardCharsets.UTF_8), "get_site")
                        .items()
                        .get(0))
                .orElseThrow();
        assertThat(site.name()).isEqualTo("Izola MRF");
        assertThat(site.csirtEmail()).isEqualTo("csirt@izolamrf.si");
        assertThat(site.extensions()).containsEntry("EGI_CSIRT_TICKET", "[CSIRT #42]");
    }

    @Test
    void siteContactsCarryTheirRoleAndSitesWithoutContactsGiveNone() throws IOException {
        List<ContactRecord> contacts = page("local-get_site_contacts_siteadmin.xml").items().stream()
                .flatMap(site -> GocdbXml.contacts(site).stream())
                .toList();
        assertThat(contacts)
                .containsExactly(new ContactRecord("SSC", "beth.westley@ssc.si", "Site Administrator", "Beth Westley"));
        List<ContactRecord> izola =
                GocdbXml.contacts(page("local-get_site_contacts.xml").items().get(0));
        assertThat(izola)
                .extracting(ContactRecord::role)
                .containsExactly("Site Operations Manager", "Site Operations Deputy Manager");
    }

    @Test
    void securityInfoNgiRocContactsEndpointsAndStatusChanges() throws IOException {
        assertThat(GocdbXml.csirtEmail(
                        page("local-get_site_security_info.xml").items().get(0)))
                .contains(Map.entry("Izola MRF", "csirt@izolamrf.si"));
        assertThat(GocdbXml.ngi(page("local-get_ngi.xml").items().get(0)))
                .contains(new NgiRecord("NGI_SI", "ngi-si-contact@swing-grid.si", "ngi-si-security@swing-grid.si"));
        assertThat(GocdbXml.contacts(
                        page("docs-example-get_roc_contacts.xml").items().get(0)))
                .extracting(ContactRecord::owner, ContactRecord::role)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("NGI_SI", "Regional Staff (ROD)"));
        assertThat(page("local-get_service_endpoint.xml").items().stream()
                        .map(GocdbXml::host)
                        .flatMap(Optional::stream))
                .extracting(HostRecord::hostname)
                .containsExactly("bdii4.izolamrf.si", "ce01.izolamrf.si", "lfc.izolamrf.si");
        List<StatusChangeRecord> changes = page("local-get_cert_status_changes.xml").items().stream()
                .map(GocdbXml::statusChange)
                .flatMap(Optional::stream)
                .toList();
        assertThat(changes.get(0))
                .isEqualTo(new StatusChangeRecord(
                        "PtujRPC",
                        CertificationStatus.CERTIFIED,
                        CertificationStatus.SUSPENDED,
                        Instant.ofEpochSecond(1795355061),
                        "/C=00/O=00000/OU=000000/CN=Beth Westley",
                        "COD Staff (project role): Certified->Suspended"));
    }

    @Test
    void pagingMetaGivesTheNextCursor() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <results>
                  <meta>
                    <link rel="self" href="/gocdbpi/private/?method=get_site&amp;scope=EGI&amp;next_cursor=0"/>
                    <link rel="next" href="/gocdbpi/private/?method=get_site&amp;scope=EGI&amp;next_cursor=14"/>
                    <link rel="start" href="/gocdbpi/private/?method=get_site&amp;scope=EGI"/>
                    <count>2</count>
                    <max_page_size>2</max_page_size>
                  </meta>
                  <SITE ID="13" PRIMARY_KEY="351G0" NAME="SSC"/>
                  <SITE ID="14" PRIMARY_KEY="119G0" NAME="Izola MRF"/>
                </results>""";
        GocdbXml.Page page = GocdbXml.page(xml.getBytes(StandardCharsets.UTF_8), "get_site");
        assertThat(page.items()).hasSize(2);
        assertThat(page.count()).isEqualTo(2);
        assertThat(page.maxPageSize()).isEqualTo(2);
        assertThat(page.nextCursor()).isEqualTo("14");
    }

    @Test
    void anErrorUnderHttp200IsARefusal() {
        assertThatThrownBy(() -> GocdbXml.page(
                        "<error>Unsupported parameter: scope</error>".getBytes(StandardCharsets.UTF_8),
                        "get_roc_contacts"))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageContaining("Unsupported parameter: scope");
        assertThatThrownBy(() -> GocdbXml.page("Invalid method".getBytes(StandardCharsets.UTF_8), "get_x"))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageContaining("Invalid method");
        assertThatThrownBy(() -> GocdbXml.page(
                        "<results><error>Database down</error></results>".getBytes(StandardCharsets.UTF_8), "get_site"))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageContaining("Database down");
        assertThatThrownBy(() -> GocdbXml.page(new byte[0], "get_site")).isInstanceOf(RegistryRefusal.class);
    }

    @Test
    void aCutOffAnswerOrAMaintenancePageIsUnavailabilityWorthRetrying() {
        assertThatThrownBy(() ->
                        GocdbXml.page("<results><SITE ID=\"1\"><SHORT".getBytes(StandardCharsets.UTF_8), "get_site"))
                .isInstanceOf(RegistryUnavailable.class);
        assertThatThrownBy(() -> GocdbXml.page(
                        "<html><body>Down for maintenance</body></html>".getBytes(StandardCharsets.UTF_8), "get_site"))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageContaining("maintenance");
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xml =
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><results>&x;</results>";
        assertThatThrownBy(() -> GocdbXml.page(xml.getBytes(StandardCharsets.UTF_8), "get_site"))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void aSiteWithAnUnknownStatusIsSkippedNotGuessed() {
        String xml = "<results><SITE ID=\"1\" PRIMARY_KEY=\"1G0\" NAME=\"X\"><SHORT_NAME>X</SHORT_NAME>"
                + "<CERTIFICATION_STATUS>Dormant</CERTIFICATION_STATUS></SITE></results>";
        assertThat(GocdbXml.site(GocdbXml.page(xml.getBytes(StandardCharsets.UTF_8), "get_site")
                        .items()
                        .get(0)))
                .isEmpty();
    }
}
