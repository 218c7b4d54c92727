package org.csirtdesk.ticket.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.csirtdesk.campaign.control.CampaignTicketFilters;
import org.csirtdesk.incident.control.IncidentTicketFilters;
import org.csirtdesk.platform.control.SchemaMigration;
import org.csirtdesk.site.control.SiteTicketFilters;
import org.csirtdesk.support.Entities;
import org.csirtdesk.support.TestDatabase;
import org.csirtdesk.ticket.entity.Ticket;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ticket search as deployed, with the site's and the campaign's filters, run by Hibernate on the real MariaDB
 * (no Payara): the statements are valid JPQL and find the right tickets.
 */
class TicketSearchIT {

    private static final String DATABASE = "ticket_search";

    private static final TicketSearch SEARCH =
            TicketSearch.of(List.of(new SiteTicketFilters(), new CampaignTicketFilters(), new IncidentTicketFilters()));

    private static SessionFactory hibernate;

    /**
     * Ticket 1 is campaign 1's incident; 2 and 3 are its cases' Investigations (2 awaiting CSIRT by the case although
     * CSIRT wrote last, 3 not although the site wrote last); 4 and 5 are no case's (4: the site wrote last, 5: CSIRT
     * did). Sites A (tickets 2, 4) are NGI_A's, site B (3, 5) NGI_B's. Ticket 6 is incident EGI-20261123-01, with 4
     * under it. The comments give the full text: ssh keys on 3, a scan on 5.
     */
    @BeforeAll
    static void tickets() throws Exception {
        DataSource database = TestDatabase.fresh(DATABASE);
        SchemaMigration.apply(database);
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate(
                    "INSERT INTO sites (primary_key, name, ngi, certification_status, confirmed_at, version) VALUES "
                            + "('1', 'SITE-A', 'NGI_A', 'CERTIFIED', NOW(6), 0), ('2', 'SITE-B', 'NGI_B', 'CERTIFIED', NOW(6), 0)");
            sql.executeUpdate(
                    "INSERT INTO tickets (id, queue, subject, status, tlp, site, created_at, updated_at, version) VALUES "
                            + "(1, 'INCIDENTS', 'CVE-2026-1', 'OPEN', 'AMBER', NULL, NOW(6), NOW(6), 0),"
                            + "(2, 'INVESTIGATIONS', 'CVE-2026-1 at SITE-A', 'OPEN', 'AMBER', 'SITE-A', NOW(6), NOW(6), 0),"
                            + "(3, 'INVESTIGATIONS', 'CVE-2026-1 at SITE-B', 'OPEN', 'AMBER', 'SITE-B', NOW(6), NOW(6), 0),"
                            + "(4, 'INVESTIGATIONS', 'phishing at SITE-A', 'OPEN', 'AMBER', 'SITE-A', NOW(6), NOW(6), 0),"
                            + "(5, 'INCIDENT_REPORTS', 'scan from SITE-B', 'NEW', 'AMBER', 'SITE-B', NOW(6), NOW(6), 0),"
                            + "(6, 'INCIDENTS', 'Compromised keys', 'OPEN', 'RED', NULL, NOW(6), NOW(6), 0)");
            sql.executeUpdate("UPDATE tickets SET owner = 'alice' WHERE id IN (4, 6)");
            sql.executeUpdate(
                    "INSERT INTO ticket_links (child_id, incident_id, created_at) VALUES (2, 1, NOW(6)), (3, 1, NOW(6)),"
                            + " (4, 6, NOW(6))");
            sql.executeUpdate("INSERT INTO incidents (ticket_id, tag, tag_day, tag_number, created_at, version)"
                    + " VALUES (6, 'EGI-20261123-01', '2026-11-23', 1, NOW(6), 0)");
            sql.executeUpdate("INSERT INTO ticket_requestors (ticket_id, email) VALUES (2, 'admin@site-a.example'),"
                    + " (3, 'admin@site-b.example')");
            sql.executeUpdate("INSERT INTO ticket_cc (ticket_id, email) VALUES (3, 'security@ngi-b.example')");
            sql.executeUpdate(
                    "INSERT INTO ticket_custom_values (ticket_id, name, value) VALUES (5, 'IP', '192.0.2.10')");
            sql.executeUpdate("INSERT INTO ticket_history (ticket_id, type, actor, at, content) VALUES "
                    + "(3, 'COMMENT', 'alice', NOW(6), 'The site found stolen SSH keys on ui.site-b.example'),"
                    + "(5, 'COMMENT', 'bob', NOW(6), 'A port scan from 192.0.2.10 against the whole federation')");
            sql.executeUpdate("INSERT INTO ticket_history (ticket_id, type, actor, at) VALUES "
                    + "(2, 'CORRESPOND', 'mail:admin@site-a.example', NOW(6)), (2, 'CORRESPOND', 'alice', NOW(6)),"
                    + "(3, 'CORRESPOND', 'alice', NOW(6)), (3, 'CORRESPOND', 'mail:admin@site-b.example', NOW(6)),"
                    + "(4, 'CORRESPOND', 'alice', NOW(6)), (4, 'CORRESPOND', 'mail:admin@site-a.example', NOW(6)),"
                    + "(4, 'COMMENT', 'alice', NOW(6)),"
                    + "(5, 'CORRESPOND', 'mail:admin@site-b.example', NOW(6)), (5, 'CORRESPOND', 'bob', NOW(6))");
            sql.executeUpdate(
                    "INSERT INTO campaigns (id, incident_ticket_id, title, advisory_text, severe_interruption, scope, tlp,"
                            + " state, created_at, created_by, version) VALUES (1, 1, 'CVE-2026-1', 'patch', FALSE, 'ALL', 'AMBER',"
                            + " 'RUNNING', NOW(6), 'alice', 0)");
            sql.executeUpdate(
                    "INSERT INTO campaign_vulnerabilities (campaign_id, vulnerability) VALUES (1, 'CVE-2026-1')");
            sql.executeUpdate(
                    "INSERT INTO campaign_cases (campaign_id, site, state, path, round_no, deadline_round, ticket_id,"
                            + " hosts, vulnerable, reminders, awaiting_csirt, recommends_suspension, opened_at, version) VALUES "
                            + "(1, 'SITE-A', 'OPEN', 'STANDARD', 1, 1, 2, '', TRUE, 0, TRUE, FALSE, NOW(6), 0),"
                            + "(1, 'SITE-B', 'OPEN', 'STANDARD', 1, 1, 3, '', TRUE, 0, FALSE, FALSE, NOW(6), 0)");
        }
        hibernate = Entities.sessionFactory(TestDatabase.scratch(DATABASE));
    }

    @AfterAll
    static void drop() throws SQLException {
        if (hibernate != null) {
            hibernate.close();
        }
        TestDatabase.drop(DATABASE);
    }

    @Test
    @DisplayName("ngi: the tickets of that NGI's sites (the site feature's filter)")
    void byNgi() {
        assertThat(found(Map.of("ngi", "NGI_A"), null)).containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    @DisplayName("campaign: its incident and the tickets under it (the campaign feature's filter)")
    void byCampaign() {
        assertThat(found(Map.of("campaign", 1L), null)).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(found(Map.of("campaign", 2L), null)).isEmpty();
    }

    @Test
    @DisplayName("waitingForCsirt: a case's own state for a case's ticket, the last correspondence for any other")
    void waitingForCsirt() {
        assertThat(found(Map.of(), true)).containsExactlyInAnyOrder(2L, 4L);
        assertThat(found(Map.of(), false)).containsExactlyInAnyOrder(1L, 3L, 5L, 6L);
    }

    @Test
    @DisplayName("Features' filters combine with each other and with the ticket's own, in the page and in the count")
    void combined() {
        assertThat(found(Map.of("ngi", "NGI_A", "campaign", 1L), true)).containsExactly(2L);
        assertThat(found(Map.of("ngi", "NGI_B", "campaign", 1L), true)).isEmpty();
    }

    @Test
    @DisplayName("query: full text over subjects and messages by the FULLTEXT indexes, in boolean mode")
    void fullText() {
        assertThat(found("ssh keys")).containsExactly(3L);
        assertThat(found("text ~ keys")).containsExactlyInAnyOrder(3L, 6L);
        assertThat(found("text ~ \"192.0.2.10\"")).containsExactly(5L);
        assertThat(found("federat*")).containsExactly(5L);
        assertThat(found("keys NOT stolen")).containsExactly(6L);
        // MariaDB's own operators in the text are plain characters: both words are required.
        assertThat(found("\"+keys -stolen\"")).containsExactly(3L);
    }

    @Test
    @DisplayName("query: AND, OR, NOT and parentheses over the ticket's fields and the features' filters")
    void fields() {
        assertThat(found("cve = cve-2026-1 AND NOT site = SITE-B")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(found("tag = EGI-20261123-01")).containsExactlyInAnyOrder(4L, 6L);
        assertThat(found("owner = alice AND (queue = incidents OR site = SITE-A)"))
                .containsExactlyInAnyOrder(4L, 6L);
        assertThat(found("owner != alice AND ngi = NGI_B")).containsExactlyInAnyOrder(3L, 5L);
        assertThat(found("owner = nobody AND tlp = red")).isEmpty();
        assertThat(found("requestor = ADMIN@site-a.example OR cc ~ ngi-b")).containsExactlyInAnyOrder(2L, 3L);
        assertThat(found("cf.IP ~ 192.0.2 OR 4")).containsExactlyInAnyOrder(4L, 5L);
        assertThat(found("status = new or (subject ~ CVE and campaign = 1 and id > 2)"))
                .containsExactlyInAnyOrder(3L, 5L);
        assertThat(found("created > 2000-01-01 AND due < 2100-01-01")).isEmpty();
    }

    private static Set<Long> found(String where) {
        return found(Map.of(), null, TicketSql.parse(where));
    }

    private static Set<Long> found(Map<String, Object> filters, Boolean waitingForCsirt) {
        return found(filters, waitingForCsirt, null);
    }

    /** The ids the page finds, checked against the count statement. */
    private static Set<Long> found(Map<String, Object> filters, Boolean waitingForCsirt, TicketSql.Node where) {
        TicketQuery query = new TicketQuery(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                filters,
                waitingForCsirt,
                null,
                where,
                null,
                1,
                50);
        TicketSearch.Jpql jpql = SEARCH.build(query);
        try (Session session = hibernate.openSession()) {
            TypedQuery<Ticket> select = session.createQuery(jpql.select(), Ticket.class);
            TypedQuery<Long> count = session.createQuery(jpql.count(), Long.class);
            jpql.parameters().forEach((name, value) -> {
                select.setParameter(name, value);
                count.setParameter(name, value);
            });
            List<Long> ids = select.getResultList().stream().map(Ticket::id).toList();
            assertThat(count.getSingleResult())
                    .as("the count of " + jpql.count())
                    .isEqualTo(ids.size());
            return Set.copyOf(ids);
        }
    }
}
