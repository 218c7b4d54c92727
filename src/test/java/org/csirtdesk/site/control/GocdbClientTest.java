package org.csirtdesk.site.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.csirtdesk.site.entity.CertificationStatus;
import org.csirtdesk.site.entity.SiteRecord;
import org.csirtdesk.support.GocdbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GOCDB client over GocdbHttp's JAX-RS client against the GOCDB stand-in, outside Payara: paging and scope
 * of the PI reads, the portal's certification-status form, and the write API's extension property.
 */
class GocdbClientTest {

    private GocdbServer gocdb;
    private GocdbHttp http;
    private GocdbClient client;

    @BeforeEach
    void start() {
        gocdb = GocdbServer.start().pageSize(2);
        http = new GocdbHttp();
        http.timeoutSeconds = 5;
        http.open(new GocdbCredential.Settings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("test-token"),
                Optional.empty()));
        client = new GocdbClient();
        client.http = http;
        client.baseUrl = gocdb.url();
        client.scope = "EGI";
    }

    @AfterEach
    void stop() {
        http.close();
        gocdb.close();
    }

    @Test
    void readsFollowEveryPageWithTheScopeWhereTheMethodTakesIt() {
        assertThat(client.sites())
                .extracting(SiteRecord::name)
                .containsExactlyInAnyOrder("SSC", "PtujRPC", "Izola MRF", "grid-ljubljana-uni");
        // The fixtures' NGI has no such officer: what matters here is how the method is asked.
        client.ngiContacts(GocdbRegistry.NGI_SECURITY_OFFICER);

        // Two pages of two sites, then an empty one.
        assertThat(gocdb.requests("get_site")).isEqualTo(3);
        assertThat(gocdb.queries())
                .filteredOn(query -> query.startsWith("method=get_site&"))
                .allMatch(query -> query.contains("scope=EGI"))
                .anyMatch(query -> query.endsWith("next_cursor=0"));
        assertThat(gocdb.queries())
                .filteredOn(query -> query.startsWith("method=get_roc_contacts"))
                .singleElement()
                .satisfies(query -> assertThat(query)
                        .contains("roletype=NGI%20Security%20Officer")
                        .doesNotContain("scope="));
        assertThat(gocdb.authorizations()).containsOnly("Bearer test-token");
    }

    @Test
    void theCertificationStatusFormIsReadThenPostedOnce() {
        String gocdbId = client.site("SSC").orElseThrow().gocdbId();

        client.submitCertificationStatus(
                gocdbId, CertificationStatus.SUSPENDED, "EGI CSIRT: not patched — CVE-2024-1086");

        assertThat(gocdb.requests("portal-form")).isEqualTo(1);
        assertThat(gocdb.requests("portal-submit")).isEqualTo(1);
        assertThat(gocdb.status("SSC")).isEqualTo("Suspended");
    }

    @Test
    void aFormGocdbRefusesIsARefusalWithGocdbsWords() {
        gocdb.setStatus("grid-ljubljana-uni", "Closed");
        String gocdbId = client.site("grid-ljubljana-uni").orElseThrow().gocdbId();

        assertThatThrownBy(
                        () -> client.submitCertificationStatus(gocdbId, CertificationStatus.SUSPENDED, "not patched"))
                .isInstanceOf(RegistryRefusal.class)
                .hasMessageStartingWith("GOCDB's portal refused: ");
        assertThat(gocdb.status("grid-ljubljana-uni")).isEqualTo("Closed");
    }

    @Test
    void anExtensionPropertyIsWrittenAsJson() {
        String gocdbId = client.site("SSC").orElseThrow().gocdbId();

        client.putSiteExtension(gocdbId, "EGI_CSIRT_SUSPENSION_TICKET", "[CSIRT #42]");

        assertThat(gocdb.extensions("SSC")).containsEntry("EGI_CSIRT_SUSPENSION_TICKET", "[CSIRT #42]");
        assertThat(gocdb.requests("extension")).isEqualTo(1);
    }
}
