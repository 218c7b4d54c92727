package org.csirtdesk.demo.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.csirtdesk.incident.control.Incidents;
import org.csirtdesk.incident.entity.Incident;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.RunMode;
import org.csirtdesk.security.control.UserDraft;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.Role;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Status;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * Loads the demo tickets, with the fixtures' sample sites and contacts, into an empty database, and gives an
 * empty users table one user per role, named after it, with a random password shown once in the log.
 * After the initial admin, so that a configured first admin means no demo users. The demo's security incident is
 * opened as SEC01 opens one (its tag from the day's counter), coordinated by the demo user {@code csirt}; with a
 * configured first admin instead, no user can coordinate it and it is left out.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "InitialAdmin"})
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    private static final String ACTOR = "demo";

    @Inject
    RunMode mode;

    @Inject
    Tickets tickets;

    @Inject
    ApplicationClock clock;

    @Inject
    Users users;

    @Inject
    Incidents incidents;

    @PersistenceContext
    EntityManager em;

    @PostConstruct
    void load() {
        if (!mode.isDemo()) {
            return;
        }
        // The users first: the demo incident needs a CSIRT user to coordinate it.
        addUsers();
        loadTickets();
    }

    private void loadTickets() {
        long existing =
                em.createQuery("select count(t) from Ticket t", Long.class).getSingleResult();
        if (existing > 0) {
            LOG.info(() -> "Demo mode: the database already holds " + existing + " tickets; no tickets loaded");
            return;
        }
        Instant now = clock.instant();
        Instant deadline = now.plus(Duration.ofDays(7));

        Ticket campaign = create(
                Queue.INCIDENTS,
                "Critical vulnerability CVE-2024-1086 (Linux kernel nf_tables)",
                Tlp.AMBER,
                List.of(),
                null,
                null,
                Map.of("Classification", "Critical vulnerability"),
                null,
                "Advisory EGI-SVG-CVE-2024-1086: update the kernel and reboot, or apply the mitigation.");
        Ticket ptuj = create(
                Queue.INVESTIGATIONS,
                "CVE-2024-1086 at PtujRPC",
                Tlp.AMBER,
                List.of("admin@ptujrpc.si"),
                deadline,
                "PtujRPC",
                Map.of("IP", "wn01.ptujrpc.si, wn02.ptujrpc.si"),
                campaign.id(),
                "Monitoring saw 2 worker nodes of your site vulnerable on 2026-11-21 06:14 UTC.");
        tickets.addMessage(
                ptuj.id(),
                null,
                HistoryType.CORRESPOND,
                "Your site is still vulnerable. Please update by the deadline or tell us why you cannot.",
                ACTOR);
        Ticket izola = create(
                Queue.INVESTIGATIONS,
                "CVE-2024-1086 at Izola MRF",
                Tlp.AMBER,
                List.of("yuki.tsunoda@izolamrf.si", "csirt@izolamrf.si"),
                deadline,
                "Izola MRF",
                Map.of(),
                campaign.id(),
                "Monitoring saw ce01.izolamrf.si vulnerable on 2026-11-20 23:01 UTC.");
        tickets.addMessage(
                izola.id(),
                null,
                HistoryType.COMMENT,
                "Site admin replied by phone: the new kernel is being rolled out this week.",
                ACTOR);
        Ticket ssc = create(
                Queue.INVESTIGATIONS,
                "CVE-2024-1086 at SSC",
                Tlp.AMBER,
                List.of("admin@ssc.si"),
                deadline,
                "SSC",
                Map.of(),
                campaign.id(),
                "Monitoring saw wn07.ssc.si vulnerable.");
        tickets.changeStatus(ssc.id(), null, Status.RESOLVED, "Thank you for addressing this problem", ACTOR);
        create(
                Queue.COUNTERMEASURES,
                "Suspend PtujRPC in GOCDB if not patched by the deadline",
                Tlp.AMBER,
                List.of(),
                deadline,
                "PtujRPC",
                Map.of("Action", "Site suspension"),
                campaign.id(),
                null);

        users.find(Role.CSIRT.slug())
                .ifPresentOrElse(
                        coordinator -> loadIncident(coordinator.name(), now),
                        () -> LOG.info("Demo mode: no user csirt to coordinate the demo incident; none opened"));
        create(
                Queue.INCIDENT_REPORTS,
                "Pakiti: CVE-2021-4034 on ce01.izolamrf.si",
                Tlp.AMBER,
                List.of(),
                null,
                "Izola MRF",
                Map.of("How Reported", "Monitoring"),
                null,
                "EGI-Critical,CVE-2021-4034,Izola MRF,ce01.izolamrf.si");
        Ticket spam = create(
                Queue.INCIDENT_REPORTS,
                "Your mailbox is full",
                Tlp.CLEAR,
                List.of("noreply@example.com"),
                null,
                null,
                Map.of(),
                null,
                "Click here to keep your mailbox.");
        tickets.changeStatus(spam.id(), null, Status.REJECTED, "spam", ACTOR);
        LOG.info("Demo mode: loaded demo tickets into the empty database");
    }

    /** SEC01: a report of stolen SSH keys triaged into a new incident, with the affected site's Investigation. */
    private void loadIncident(String coordinator, Instant now) {
        Incident ssh = incidents.open(
                "SSH credential theft", Tlp.RED, coordinator, "Stolen SSH keys used from 198.51.100.23.", ACTOR);
        Ticket report = create(
                Queue.INCIDENT_REPORTS,
                "Suspicious SSH logins on ui.ssc.si",
                Tlp.RED,
                List.of("security@ssc.si"),
                null,
                "SSC",
                Map.of("How Reported", "Email", "Reporter Type", "Site"),
                ssh.ticketId(),
                "We see logins from 198.51.100.23 with a key of a user who is on holiday.");
        tickets.addMessage(
                report.id(),
                null,
                HistoryType.CORRESPOND,
                "Thank you. Please isolate ui.ssc.si and keep its disk image for analysis.",
                ACTOR);
        create(
                Queue.INVESTIGATIONS,
                ssh.tag() + " at SSC",
                Tlp.RED,
                List.of("security@ssc.si"),
                now.plus(Duration.ofHours(4)),
                "SSC",
                Map.of("Discovered At", "2026-11-20T08:30:00Z"),
                ssh.ticketId(),
                "Please send the report within 4 hours of discovery (SEC01).");
    }

    private void addUsers() {
        if (users.count() > 0) {
            return;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder shown = new StringBuilder();
        for (Role role : Role.values()) {
            byte[] secret = new byte[15];
            random.nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            users.add(new UserDraft(role.slug(), password, List.of(role.slug()), null), ACTOR);
            shown.append("\n  ").append(role.slug()).append(':').append(password);
        }
        LOG.info(() -> "Demo mode: added one user per role, name:password (shown this once; e.g. curl -u "
                + Role.CSIRT.slug() + ":<password>)" + shown);
    }

    private Ticket create(
            Queue queue,
            String subject,
            Tlp tlp,
            List<String> requestors,
            Instant due,
            String site,
            Map<String, String> customFields,
            Long incident,
            String content) {
        return tickets.create(
                new TicketDraft(
                        queue, subject, tlp, null, requestors, List.of(), due, site, customFields, incident, content),
                ACTOR);
    }
}
