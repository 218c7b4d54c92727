package org.csirtdesk.demo.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.csirtdesk.support.Api;
import org.csirtdesk.support.Deployments;
import org.csirtdesk.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The zero-setup demo ({@code csirt.mode=demo}, as payara/run starts it) on an empty database without a configured
 * admin: one user per role, and the demo tickets with their security incident opened as SEC01 opens one, so that the
 * Incidents page lists it. The users' passwords are random and only logged, so the database is read directly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoDataIT {

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive application() throws SQLException {
        TestDatabase.freshApplicationDatabase();
        // An empty value is no value: no first admin, so the demo adds its users.
        return Deployments.war(Map.of("csirt.mode", "demo", "csirt.security.initial-admin", ""));
    }

    @Test
    void theDemoHasAUserPerRoleAndItsIncidentWithTheReportAndTheSitesInvestigation() throws SQLException {
        assertThat(new Api(deployment).get("health/ready").status()).isEqualTo(200);
        try (Connection db = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
                Statement query = db.createStatement()) {
            assertThat(strings(query, "SELECT name FROM users ORDER BY name"))
                    .containsExactly("admin", "coordinator", "csirt", "omb", "rod");
            List<String> incidents = strings(
                    query,
                    "SELECT CONCAT(i.tag, ' | ', i.coordinator, ' | ', t.subject) FROM incidents i"
                            + " JOIN tickets t ON t.id = i.ticket_id");
            assertThat(incidents).hasSize(1);
            String tag = incidents.get(0).split(" \\| ")[0];
            assertThat(incidents.get(0))
                    .matches("EGI-\\d{8}-01 \\| csirt \\| \\[EGI-\\d{8}-01\\] SSH credential theft");
            assertThat(strings(
                            query,
                            "SELECT t.subject FROM ticket_links l JOIN tickets t ON t.id = l.child_id"
                                    + " JOIN incidents i ON i.ticket_id = l.incident_id ORDER BY t.subject"))
                    .containsExactly(tag + " at SSC", "Suspicious SSH logins on ui.ssc.si");
        }
    }

    private static List<String> strings(Statement query, String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rows = query.executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }
}
