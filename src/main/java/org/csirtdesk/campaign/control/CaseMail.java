package org.csirtdesk.campaign.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.campaign.entity.Campaign;
import org.csirtdesk.campaign.entity.CampaignCase;
import org.csirtdesk.campaign.entity.CasePath;
import org.csirtdesk.campaign.entity.CaseResponse;
import org.csirtdesk.campaign.entity.Timeline;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.mail.entity.Subject;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.site.entity.SiteContacts;
import org.csirtdesk.ticket.control.TicketTags;

/**
 * The procedure's letters: each rendered from its template ({@code letters/sec03-*.ftl}) with what the clauses
 * require it to say, and queued in the outbox in the caller's transaction under a key naming its cause, so a
 * step that runs again writes nothing twice. Whom each letter goes to is decided here, from GOCDB's contacts and
 * the configured lists.
 */
@ApplicationScoped
public class CaseMail {

    /** Who a letter to a site goes to. */
    public enum Audience {
        /** SEC03-2.4, SEC03-3.1: site administrators, the site's security contact and the NGI's security contact. */
        SITE,
        /** SEC03-4.1.1: the site's security contact and the NGI's security officers. */
        SECURITY
    }

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    @Inject
    Letters letters;

    @Inject
    Outbox outbox;

    @Inject
    KnownContacts knownContacts;

    @Inject
    ProcedureSettings settings;

    @Inject
    TicketTags tags;

    @Inject
    ApplicationClock clock;

    /** "Tuesday 1 December 2026, 14:00 CET (2026-12-01 13:00 UTC)": sites read it in their own zone. */
    public String time(Instant at) {
        return at == null
                ? ""
                : LOCAL.format(at.atZone(settings.timeline().calendar().zone())) + " (" + UTC.format(at) + ")";
    }

    /** What every letter of a campaign can say about it. */
    public Map<String, Object> model(Campaign campaign) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "campaign",
                Map.of(
                        "id", campaign.id(),
                        "title", campaign.title(),
                        "vulnerabilities", String.join(", ", campaign.vulnerabilities()),
                        "advisory", campaign.advisoryText(),
                        "link", campaign.advisoryLink() == null ? "" : campaign.advisoryLink(),
                        "action", campaign.recommendedAction() == null ? "" : campaign.recommendedAction(),
                        "deadline", time(campaign.deadlineAt()),
                        "advisoryAt", time(campaign.advisoryAt()),
                        "tag", tags.of(campaign.incidentTicketId())));
        model.put("csirt", settings.csirtAddress());
        model.put("tlp", campaign.tlp().name());
        return model;
    }

    /** The campaign's model with one site's case. */
    public Map<String, Object> model(Campaign campaign, CampaignCase c) {
        Map<String, Object> model = model(campaign);
        model.put("case", caseModel(c));
        return model;
    }

    /**
     * What a letter can say about one site's case. Besides its facts: {@code again} (vulnerable in an earlier round:
     * a re-introduction, not a first finding after the tickets, SEC03-3.1), {@code path} in words, {@code responded}
     * in this round (a new round starts with no response), and {@code suspension}, the earliest time a suspension
     * can happen: the deadline, or 24 hours after a final warning that went out late ({@code late}, SEC03-4.1).
     */
    public Map<String, Object> caseModel(CampaignCase c) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", c.site());
        model.put("ticket", c.ticketId() == null ? "" : tags.of(c.ticketId()));
        model.put("deadline", time(c.deadlineAt()));
        Instant suspension = earliestSuspension(c);
        model.put("suspension", time(suspension));
        model.put("late", suspension != null && suspension.isAfter(c.deadlineAt()));
        model.put("again", c.vulnerableBefore());
        model.put("path", path(c));
        model.put("hosts", c.hosts());
        model.put("seen", c.seenVulnerableAt() == null ? "" : time(c.seenVulnerableAt()));
        model.put("vulnerable", c.vulnerable());
        model.put("reminders", c.reminders());
        model.put("statement", c.siteStatement() == null ? "" : c.siteStatement());
        model.put("plan", c.sitePlan() == null ? "" : c.sitePlan());
        model.put("responded", c.respondedThisRound());
        model.put("recommends", c.recommendsSuspension());
        model.put("recommendation", c.recommendation() == null ? "" : c.recommendation());
        model.put("veto", c.vetoedBy() == null ? "" : c.vetoedBy() + ": " + c.veto());
        model.put("extended", c.deadlineRound() > 1);
        model.put("round", c.round());
        return model;
    }

    /**
     * The earliest a suspension of the case can happen: its deadline, unless its final warning went out (or, not sent
     * yet, would go out now) less than the warning's notice period before it (SEC03-4.1). Null without a deadline.
     */
    Instant earliestSuspension(CampaignCase c) {
        if (c.deadlineAt() == null) {
            return null;
        }
        Timeline timeline = settings.timeline();
        Instant warnedAt = c.finalWarningAt();
        if (warnedAt == null) {
            Instant planned = timeline.finalWarning(c.deadlineAt());
            Instant now = clock.instant();
            warnedAt = now.isAfter(planned) ? now : planned;
        }
        return timeline.earliestSuspension(c.deadlineAt(), warnedAt);
    }

    /** The case's path in words: the advisory's, or the 48-hour path of a first finding or of a re-introduction. */
    static String path(CampaignCase c) {
        if (c.path() == CasePath.ADVISORY) {
            return "advisory path";
        }
        return c.vulnerableBefore()
                ? "48-hour path, vulnerable again (re-introduction)"
                : "48-hour path, found vulnerable after the tickets";
    }

    /** A letter's subject as it is stored and sent: each label once, the campaign's TLP label at the end. */
    public String subject(Letter letter, Campaign campaign) {
        return new Subject(letter.subject()).withTlp(campaign.tlp()).text();
    }

    /**
     * The cases' models for the OMB summary (SEC03-4.1.2), each with every response of its site in this round, in
     * order ({@code responses}), read in one query for all of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map<String, Object>> summaryModels(List<CampaignCase> summarised) {
        if (summarised.isEmpty()) {
            return List.of();
        }
        Map<Long, List<CaseResponse>> responses = em.createNamedQuery(CaseResponse.OF_CASES, CaseResponse.class)
                .setParameter("ids", summarised.stream().map(CampaignCase::id).toList())
                .getResultStream()
                .collect(Collectors.groupingBy(CaseResponse::caseId));
        return summarised.stream()
                .map(c -> {
                    Map<String, Object> model = caseModel(c);
                    model.put(
                            "responses",
                            responseModels(
                                    responses.getOrDefault(c.id(), List.of()).stream()
                                            .filter(r -> c.inThisRound(r.at()))
                                            .toList(),
                                    this::time));
                    return model;
                })
                .toList();
    }

    /**
     * What the summary says of each response, in the order given (the query's: oldest first): when ({@code at}), who
     * recorded it ({@code by}: a person's name; empty for a mail, whose statement names its sender), the statement
     * and the plan (empty if not given).
     */
    static List<Map<String, Object>> responseModels(List<CaseResponse> responses, Function<Instant, String> time) {
        return responses.stream()
                .map(r -> Map.<String, Object>of(
                        "at", time.apply(r.at()),
                        "by", r.byMail() ? "" : r.actor(),
                        "statement", r.statement() == null ? "" : r.statement(),
                        "plan", r.plan() == null ? "" : r.plan()))
                .toList();
    }

    public Letter render(String template, Map<String, ?> model) {
        return letters.render(template, model);
    }

    /** Renders and queues a letter to a site; returns it, for the ticket's history. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Letter toSite(
            String key, String template, Campaign campaign, CampaignCase c, Audience audience, Map<String, ?> extra) {
        Map<String, Object> model = model(campaign, c);
        model.putAll(extra);
        Letter letter = letters.render(template, model);
        List<String> to = recipients(c.site(), audience);
        outbox.enqueue(new OutgoingMessage(
                key, template, c.ticketId(), campaign.tlp(), to, List.of(), subject(letter, campaign), letter.body()));
        return letter;
    }

    /** Renders and queues a letter to addresses the caller names (lists, the COO, a ROD). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Letter to(
            String key,
            String template,
            Campaign campaign,
            Long ticketId,
            List<String> to,
            List<String> cc,
            Map<String, ?> model) {
        Letter letter = letters.render(template, model);
        outbox.enqueue(new OutgoingMessage(
                key, template, ticketId, campaign.tlp(), to, cc, subject(letter, campaign), letter.body()));
        return letter;
    }

    /**
     * The addresses GOCDB gives for the audience; a site GOCDB gives none for is written to at the CSIRT's own
     * address, so the letter is seen and someone finds the contacts, rather than lost. The contacts are read once
     * per transaction ({@link KnownContacts}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> recipients(String site, Audience audience) {
        SiteContacts contacts = knownContacts.of(site);
        List<String> to;
        if (audience == Audience.SECURITY) {
            LinkedHashSet<String> security = new LinkedHashSet<>();
            contacts.siteSecurity().ifPresent(security::add);
            security.addAll(contacts.ngiSecurity());
            to = security.isEmpty() ? contacts.all() : new ArrayList<>(security);
        } else {
            to = contacts.all();
        }
        return to.isEmpty() ? List.of(settings.csirtAddress()) : to;
    }
}
