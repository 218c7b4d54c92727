package org.csirtdesk.inbox.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.csirtdesk.inbox.entity.ContactReplied;
import org.csirtdesk.inbox.entity.IncomingAttachment;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.IncomingMail.Disposition;
import org.csirtdesk.inbox.entity.IncomingMail.ThreadedBy;
import org.csirtdesk.inbox.entity.MailAction;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.inbox.entity.MailDelivery;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.csirtdesk.inbox.entity.Receipt;
import org.csirtdesk.inbox.entity.TicketTag;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutgoingMessage;
import org.csirtdesk.platform.control.ApplicationClock;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.SiteName;
import org.csirtdesk.platform.entity.TicketId;
import org.csirtdesk.security.control.Users;
import org.csirtdesk.security.entity.User;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.entity.Contact;
import org.csirtdesk.site.entity.Site;
import org.csirtdesk.ticket.control.TicketDraft;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.control.Tickets;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * What becomes of a mail, in one transaction: it is read, found its ticket (the subject's tag, else the mails
 * of ours it answers), and then, by who wrote it, becomes correspondence (one of the ticket's contacts), a
 * comment for review (anyone else), a record only (a machine wrote it) or a new Incident Report (no ticket).
 * The mail is stored whole, once: the same Message-ID again is answered as received and changes nothing.
 */
@ApplicationScoped
@Transactional
public class MailIntake {

    private static final Pattern TLP_LABEL =
            Pattern.compile("TLP:(CLEAR|WHITE|GREEN|AMBER|RED)\\b", Pattern.CASE_INSENSITIVE);

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationClock clock;

    @Inject
    InboxSettings settings;

    @Inject
    TicketTags tags;

    @Inject
    CsirtAddresses addresses;

    @Inject
    Tickets tickets;

    @Inject
    SiteDirectory sites;

    @Inject
    Users users;

    @Inject
    Outbox outbox;

    @Inject
    Letters letters;

    @Inject
    Event<ContactReplied> replies;

    private MailParser parser;

    /** Where a mail belongs: a ticket and how it was found, or none. */
    private record Threading(Ticket ticket, ThreadedBy by) {}

    @PostConstruct
    void configure() {
        parser = new MailParser(settings.maxAttachmentBytes());
    }

    /**
     * @throws DomainException invalid or not found (a permanent refusal: too large, no mail, a tag of no ticket,
     *                         a queue that takes no mail); any other failure is temporary and the sender retries
     */
    public Receipt receive(MailDelivery delivery) {
        if (delivery.raw().length > settings.maxMessageBytes()) {
            throw DomainException.invalid(
                    "message",
                    "the mail is " + delivery.raw().length + " bytes, larger than the limit of "
                            + settings.maxMessageBytes() + " bytes");
        }
        ParsedMail mail = parser.parse(delivery.raw());
        String identity = sha256(
                mail.messageId() != null
                        ? "message-id:" + mail.messageId()
                        : "sha256:" + HexFormat.of().formatHex(sha256Bytes(delivery.raw())));
        Optional<Receipt> known = byIdentity(identity);
        if (known.isPresent()) {
            return known.get();
        }
        Threading thread = thread(delivery, mail);
        Instant now = clock.instant();
        if (thread.ticket() == null) {
            return mail.isAutomatic()
                    ? stored(identity, mail, delivery, null, ThreadedBy.NONE, Disposition.AUTOMATIC, now)
                    : newReport(identity, mail, delivery, now);
        }
        Ticket ticket = thread.ticket();
        String actor = "mail:" + (mail.from() == null ? "unknown sender" : mail.from());
        if (mail.isAutomatic()) {
            // Our own mail coming back is no news to the ticket; an out-of-office or a bounce is (the address may be
            // dead).
            if (!MailParser.OWN_MAIL_RETURNED.equals(mail.automatic())) {
                tickets.addMessage(
                        ticket.id(),
                        null,
                        HistoryType.COMMENT,
                        "Automatic mail, not answered and not a response (" + mail.automatic() + ").\n" + content(mail),
                        actor);
            }
            return stored(identity, mail, delivery, ticket.id(), thread.by(), Disposition.AUTOMATIC, now);
        }
        if (!isContact(ticket, mail.from())) {
            tickets.addMessage(
                    ticket.id(),
                    null,
                    HistoryType.COMMENT,
                    "For review: " + (mail.from() == null ? "the sender" : mail.from())
                            + " is not a contact of this ticket; the mail changes nothing.\n" + content(mail),
                    actor);
            return stored(identity, mail, delivery, ticket.id(), thread.by(), Disposition.REVIEW, now);
        }
        if (delivery.action() == MailAction.COMMENT) {
            tickets.addMessage(ticket.id(), null, HistoryType.COMMENT, content(mail), actor);
            return stored(identity, mail, delivery, ticket.id(), thread.by(), Disposition.COMMENT, now);
        }
        // The event first: its observers lock what they change (a campaign, then its case, then the ticket) in the
        // order every other change of a case does, so a reply and a scheduled step cannot deadlock.
        replies.fire(new ContactReplied(new TicketId(ticket.id()), mail.from(), mail.displayText(), now));
        tickets.addMessage(ticket.id(), null, HistoryType.CORRESPOND, content(mail), actor);
        notifyOwner(identity, tickets.find(ticket.id()), mail);
        return stored(identity, mail, delivery, ticket.id(), thread.by(), Disposition.CORRESPONDENCE, now);
    }

    /**
     * The ticket the gateway names, else the first tag in the subject (the outer mail's: a forwarded mail's own
     * tag does not count), else the newest of our own mails that it answers. A named ticket must exist.
     */
    private Threading thread(MailDelivery delivery, ParsedMail mail) {
        if (delivery.ticket() != null) {
            return new Threading(existing(delivery.ticket(), "ticket"), ThreadedBy.GATEWAY);
        }
        Optional<Long> tagged = TicketTag.find(mail.subject(), tags.prefix());
        if (tagged.isPresent()) {
            return new Threading(existing(tagged.get(), "subject"), ThreadedBy.SUBJECT_TAG);
        }
        if (!mail.answers().isEmpty()) {
            Optional<Long> answered = outbox.ticketOfNewest(mail.answers());
            if (answered.isEmpty()) {
                // A reply-all among a site's people answers their own earlier mail, which we threaded already.
                answered = em.createQuery(
                                "select m.ticketId from IncomingMail m where m.identitySha256 in :ids "
                                        + "and m.ticketId is not null order by m.id desc",
                                Long.class)
                        .setParameter(
                                "ids",
                                mail.answers().stream()
                                        .map(id -> sha256("message-id:" + id))
                                        .toList())
                        .setMaxResults(1)
                        .getResultStream()
                        .findFirst();
            }
            if (answered.isPresent()) {
                return new Threading(tickets.find(answered.get()), ThreadedBy.REFERENCES);
            }
        }
        return new Threading(null, ThreadedBy.NONE);
    }

    private Ticket existing(long id, String field) {
        Ticket ticket = em.find(Ticket.class, id);
        if (ticket == null) {
            throw DomainException.invalid(field, "there is no ticket #" + id + ": the mail is not stored");
        }
        return ticket;
    }

    /**
     * The ticket's requestors and Cc, and for an Investigation of a site (a campaign's case) everyone GOCDB lists for
     * the site, its security contact and its NGI's security contacts: the people whose replies are the site's.
     */
    private boolean isContact(Ticket ticket, String from) {
        if (from == null) {
            return false;
        }
        Set<String> contacts = new HashSet<>(ticket.requestors());
        contacts.addAll(ticket.cc());
        if (ticket.queue() == Queue.INVESTIGATIONS && ticket.site() != null) {
            SiteName.ifWellFormed(ticket.site())
                    .flatMap(sites::find)
                    .ifPresent(site -> contacts.addAll(siteContacts(site)));
        }
        return contacts.stream().anyMatch(contact -> contact.equalsIgnoreCase(from));
    }

    private List<String> siteContacts(Site site) {
        List<String> all =
                new ArrayList<>(sites.contactsOf(site, sites.ngi(site.ngi())).all());
        site.contacts().stream().map(Contact::email).forEach(all::add);
        if (site.contactEmail() != null) {
            all.add(site.contactEmail());
        }
        return all;
    }

    /** SEC01: a mail to abuse@ about no ticket is a report. Its TLP is the subject's label, else AMBER until CSIRT looks. */
    private Receipt newReport(String identity, ParsedMail mail, MailDelivery delivery, Instant now) {
        Queue queue = delivery.queue() == null || delivery.queue().isBlank()
                ? Queue.INCIDENT_REPORTS
                : Queue.parse(delivery.queue())
                        .orElseThrow(
                                () -> DomainException.invalid("queue", "unknown queue '" + delivery.queue() + "'"));
        if (queue != Queue.INCIDENT_REPORTS) {
            throw DomainException.invalid(
                    "queue",
                    "a mail for no ticket opens an Incident Report; " + queue.displayName()
                            + " takes no new tickets by mail (check the gateway's --queue)");
        }
        Matcher label = TLP_LABEL.matcher(mail.subject());
        Tlp tlp = label.find() ? Tlp.parse(label.group(1)).orElse(Tlp.AMBER) : Tlp.AMBER;
        String subject = mail.subject().isBlank() ? "(no subject)" : mail.subject();
        String actor = "mail:" + (mail.from() == null ? "unknown sender" : mail.from());
        Ticket report = tickets.create(
                new TicketDraft(
                        queue,
                        subject.length() > 512 ? subject.substring(0, 512) : subject,
                        tlp,
                        null,
                        mail.from() == null ? List.of() : List.of(mail.from()),
                        List.of(),
                        null,
                        null,
                        Map.of(),
                        null,
                        content(mail)),
                actor);
        return stored(identity, mail, delivery, report.id(), ThreadedBy.NONE, Disposition.NEW_REPORT, now);
    }

    /** The owner learns of the reply (RT notifies a ticket's owner); an unowned ticket's reply goes to the CSIRT's address. */
    private void notifyOwner(String identity, Ticket ticket, ParsedMail mail) {
        String owner = ticket.owner();
        String to = owner == null || owner.isBlank()
                ? addresses.csirt()
                : owner.contains("@")
                        ? owner
                        : users.find(owner)
                                .map(User::email)
                                .filter(email -> email != null && !email.isBlank())
                                .orElse(addresses.csirt());
        String tag = tags.of(ticket.id());
        Letter letter = letters.render(
                "mail-contact-replied",
                Map.of(
                        "tag",
                        tag,
                        "from",
                        mail.from(),
                        "subject",
                        mail.subject(),
                        "tlp",
                        ticket.tlp().name(),
                        "queue",
                        ticket.queue().displayName(),
                        "text",
                        mail.displayText(),
                        "attachments",
                        attachmentList(mail)));
        outbox.enqueue(new OutgoingMessage(
                "mail-in/" + identity + "/owner",
                "contact-replied",
                ticket.id(),
                ticket.tlp(),
                List.of(to),
                List.of(),
                letter.subject(),
                letter.body()));
    }

    /** What the ticket's history shows: who, what, and the text without its quoted history (the mail keeps it). */
    private static String content(ParsedMail mail) {
        StringBuilder content = new StringBuilder();
        content.append("From: ")
                .append(mail.from() == null ? "(unknown)" : mail.from())
                .append('\n');
        content.append("Subject: ").append(mail.subject()).append('\n');
        if (mail.messageId() != null) {
            content.append("Message-ID: ").append(mail.messageId()).append('\n');
        }
        if (!mail.attachments().isEmpty()) {
            content.append("Attachments: ").append(attachmentList(mail)).append('\n');
        }
        return content.append('\n').append(mail.displayText()).toString();
    }

    private static String attachmentList(ParsedMail mail) {
        return mail.attachments().stream().map(MailIntake::describe).collect(Collectors.joining(", "));
    }

    private static String describe(MailAttachment attachment) {
        return (attachment.filename() == null ? "(no name)" : attachment.filename()) + " (" + attachment.contentType()
                + ", " + attachment.size() + " bytes)";
    }

    private Receipt stored(
            String identity,
            ParsedMail mail,
            MailDelivery delivery,
            Long ticketId,
            ThreadedBy by,
            Disposition disposition,
            Instant now) {
        IncomingMail stored = new IncomingMail(
                identity, mail, delivery.raw(), delivery.channel(), delivery.action(), ticketId, by, disposition, now);
        em.persist(stored);
        em.flush();
        List<MailAttachment> attachments = mail.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            em.persist(new IncomingAttachment(stored.id(), i + 1, attachments.get(i)));
        }
        return new Receipt(stored.id(), ticketId, disposition, false);
    }

    /** The receipt of a mail received before; only the columns it needs, not the raw mail. */
    private Optional<Receipt> byIdentity(String identity) {
        return em.createQuery(
                        "select m.id, m.ticketId, m.disposition from IncomingMail m where m.identitySha256 = :identity",
                        Object[].class)
                .setParameter("identity", identity)
                .getResultStream()
                .findFirst()
                .map(row -> new Receipt((Long) row[0], (Long) row[1], (Disposition) row[2], true));
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha256Bytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256Bytes(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
