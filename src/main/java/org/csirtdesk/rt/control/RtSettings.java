package org.csirtdesk.rt.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.ticket.control.TicketStore;
import org.csirtdesk.ticket.entity.Queue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one reader of {@code csirt.rt.*}: where RT is and how to sign in, the time zone RT reads input dates in, the
 * names of RT-IR's queues and of the custom fields the desk uses there, and the pace of the sync. Nothing here is
 * checked at start, since RT is needed only when {@code csirt.tickets.store=rt}: whoever needs RT calls
 * {@link #check()}.
 */
@ApplicationScoped
public class RtSettings {

    /** RT's address is the ticket store's (`csirt.rt.url`, read there once: the API's links to RT use it too). */
    @Inject
    TicketStore store;

    Optional<String> url;

    @PostConstruct
    void readTheStoresAddress() {
        url = store.rtUrl();
    }

    @Inject
    @ConfigProperty(name = "csirt.rt.token")
    Optional<String> token;

    @Inject
    @ConfigProperty(name = "csirt.rt.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "csirt.rt.password")
    Optional<String> password;

    /**
     * The zone RT reads {@code YYYY-MM-DD HH:MM:SS} in for TicketSQL and date custom fields: its user's, else RT's
     * {@code $Timezone}. (A ticket's own dates, such as {@code Due}, RT reads in UTC; it answers every date in UTC.)
     */
    @Inject
    @ConfigProperty(name = "csirt.rt.timezone", defaultValue = "UTC")
    String timezone;

    @Inject
    @ConfigProperty(name = "csirt.rt.queue.incident-reports", defaultValue = "Incident Reports")
    String incidentReportsQueue;

    @Inject
    @ConfigProperty(name = "csirt.rt.queue.incidents", defaultValue = "Incidents")
    String incidentsQueue;

    @Inject
    @ConfigProperty(name = "csirt.rt.queue.investigations", defaultValue = "Investigations")
    String investigationsQueue;

    @Inject
    @ConfigProperty(name = "csirt.rt.queue.countermeasures", defaultValue = "Countermeasures")
    String countermeasuresQueue;

    @Inject
    @ConfigProperty(name = "csirt.rt.field.site", defaultValue = "Site")
    String siteField;

    @Inject
    @ConfigProperty(name = "csirt.rt.field.cve", defaultValue = "CVE")
    String cveField;

    @Inject
    @ConfigProperty(name = "csirt.rt.field.tlp", defaultValue = "TLP")
    String tlpField;

    @Inject
    @ConfigProperty(name = "csirt.rt.field.tag", defaultValue = "EGI Tag")
    String tagField;

    /** The custom field that carries the desk's own ticket id on the RT ticket: how a lost create is found again. */
    @Inject
    @ConfigProperty(name = "csirt.rt.field.ticket", defaultValue = "CSIRT Desk Ticket")
    String ticketField;

    @Inject
    @ConfigProperty(name = "csirt.rt.poll-interval", defaultValue = "PT10S")
    Duration pollInterval;

    /** Connect and read timeout of each HTTP call to RT. */
    @Inject
    @ConfigProperty(name = "csirt.rt.timeout", defaultValue = "PT10S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "csirt.rt.workers", defaultValue = "4")
    int workers;

    /** What is missing or wrong for talking to RT, one sentence each; empty when RT can be used. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        if (url.filter(text -> !text.isBlank()).isEmpty()) {
            problems.add("csirt.rt.url is not set (RT's base URL, e.g. https://rt.example.org)");
        } else {
            try {
                URI parsed = URI.create(url.get().trim());
                if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
                    problems.add("csirt.rt.url must be an http or https URL: " + url.get());
                }
            } catch (IllegalArgumentException e) {
                problems.add("csirt.rt.url is not a URL: " + url.get());
            }
        }
        if (token().isEmpty() && (user().isEmpty() || password().isEmpty())) {
            problems.add("neither csirt.rt.token nor both csirt.rt.user and csirt.rt.password are set");
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            problems.add("csirt.rt.timezone is not a time zone: " + timezone);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("csirt.rt.timeout must be positive: " + timeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            problems.add("csirt.rt.poll-interval must be positive: " + pollInterval);
        }
        if (workers < 1) {
            problems.add("csirt.rt.workers must be at least 1: " + workers);
        }
        return problems;
    }

    /** RT's base URL without a trailing slash ({@code https://rt.example.org}, or with RT's web path). */
    public URI url() {
        String text = url.map(String::trim)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IllegalStateException("csirt.rt.url is not set"));
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    public Optional<String> token() {
        return token.map(String::trim).filter(value -> !value.isEmpty());
    }

    public Optional<String> user() {
        return user.filter(value -> !value.isBlank());
    }

    public Optional<String> password() {
        return password.filter(value -> !value.isEmpty());
    }

    public ZoneId timezone() {
        return ZoneId.of(timezone);
    }

    /** RT's name of one of RT-IR's queues. */
    public String queueName(Queue queue) {
        return queueNames().get(queue);
    }

    /** The desk's queue of an RT queue name, empty for a queue that is none of RT-IR's four. */
    public Optional<Queue> queueOf(String rtQueueName) {
        return queueNames().entrySet().stream()
                .filter(entry -> entry.getValue().equals(rtQueueName))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** RT's names of the four queues, in the desk's order. */
    public List<String> queueNames(Queue... queues) {
        List<String> names = new ArrayList<>();
        for (Queue queue : queues.length == 0 ? Queue.values() : queues) {
            names.add(queueName(queue));
        }
        return names;
    }

    private Map<Queue, String> queueNames() {
        Map<Queue, String> names = new EnumMap<>(Queue.class);
        names.put(Queue.INCIDENT_REPORTS, incidentReportsQueue);
        names.put(Queue.INCIDENTS, incidentsQueue);
        names.put(Queue.INVESTIGATIONS, investigationsQueue);
        names.put(Queue.COUNTERMEASURES, countermeasuresQueue);
        return names;
    }

    public String siteField() {
        return siteField;
    }

    public String cveField() {
        return cveField;
    }

    public String tlpField() {
        return tlpField;
    }

    public String tagField() {
        return tagField;
    }

    public String ticketField() {
        return ticketField;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration timeout() {
        return timeout;
    }

    public int workers() {
        return workers;
    }

    /**
     * The application's own RT user (`csirt.rt.user`, also with a token): its transactions in RT are the
     * application's, skipped when following RT and looked for before a post is made again.
     */
    public String applicationUser() {
        return user.orElse("csirt-desk");
    }

    /** How often due replication jobs and letters are pushed (`csirt.rt.push-interval`). */
    public Duration pushInterval() {
        return pushInterval;
    }

    @Inject
    @ConfigProperty(name = "csirt.rt.push-interval", defaultValue = "PT2S")
    Duration pushInterval;
}
