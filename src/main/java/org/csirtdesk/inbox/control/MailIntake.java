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
import org.csirtdesk.inbox.entity.Bounce;
import org.csirtdesk.inbox.entity.IncomingAttachment;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.IncomingMail.Disposition;
import org.csirtdesk.inbox.entity.IncomingMail.ThreadedBy;
import org.csirtdesk.inbox.entity.MailAction;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.inbox.entity.MailDelivery;
import org.csirtdesk.inbox.entity.MailRefused;
import org.csirtdesk.inbox.entity.ParsedMail;
import org.csirtdesk.inbox.entity.Receipt;
import org.csirtdesk.inbox.entity.TicketTag;
import org.csirtdesk.inbox.entity.TicketlessLetterAnswered;
import org.csirtdesk.mail.control.Bounces;
import org.csirtdesk.mail.control.Letters;
import org.csirtdesk.mail.control.Outbox;
import org.csirtdesk.mail.entity.BouncedRecipient;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.mail.entity.OutboxMessage;
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
import org.csirtdesk.ticket.entity.ContactReplied;
import org.csirtdesk.ticket.entity.HistoryEntry;
import org.csirtdesk.ticket.entity.HistoryType;
import org.csirtdesk.ticket.entity.Queue;
import org.csirtdesk.ticket.entity.Ticket;
import org.csirtdesk.ticket.entity.Tlp;

/**
 * What becomes of a mail, in one transaction: it is read, found its ticket (the subject's tag, else the mails
 * of ours it answers, a letter sent before its ticket through the feature that wrote it), and then, by who wrote
 * it, becomes correspondence (one of the ticket's contacts), a comment for review (anyone else, or a mail not read
 * in full), a record only (a machine wrote it) or a new Incident Report (no ticket). A bounce that returns one of
 * our letters is recorded on that letter ({@link Bounces}). The mail is stored whole, once: the same mail again (its Message-ID and its
 * content) is answered as received and changes nothing; another mail under a Message-ID already seen is a new mail.
 */
@ApplicationScoped
@Transactional
public class MailIntake {

    private static final Pattern TLP_LABEL =
            Pattern.compile("TLP:(CLEAR|WHITE|GREEN|AMBER|RED)\\b", Pattern.CASE_INSENSITIVE);

    /** The most of a mail's text the history shows (a MEDIUMTEXT column; the mail keeps its whole text). */
    private static final int MAX_SHOWN_CHARS = 1_000_000;

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
    Bounces bounces;

    @Inject
    Event<ContactReplied> replies;

    @Inject
    Event<TicketlessLetterAnswered> ticketlessReplies;

    private MailParser parser;

    /**
     * Where a mail belongs: a ticket and how it was found, or none; {@code note} says what was odd on the way (a
     * ticket named that does not exist, a letter answered that belongs to no ticket), null when nothing was.
     */
    private record Threading(Ticket ticket, ThreadedBy by, String note) {}

    /** What the history says of a mail beside its text: a reused Message-ID, its threading's note, what could not be read. */
    private record Notes(Long messageIdReusedFrom, String threadingNote, String unreadable) {}

    @PostConstruct
    void configure() {
        parser = new MailParser(settings.maxAttachmentBytes());
    }

    /**
     * Takes a mail, whatever its form: what cannot be read is kept raw and flagged for review.
     *
     * @throws MailRefused when it is refused for good (too large, empty); any other
     *                     failure is temporary and the sender retries
     */
    public Receipt receive(MailDelivery delivery) {
        if (delivery.raw().length > settings.maxMessageBytes()) {
            throw new MailRefused(
                    MailRefused.Reason.MESSAGE_TOO_LARGE,
                    "the mail is " + delivery.raw().length + " bytes, larger than the limit of "
                            + settings.maxMessageBytes() + " bytes; nothing was stored");
        }
        ParsedMail mail = parser.parse(delivery.raw());
        String content = RawMail.contentDigest(delivery.raw());
        String identity = sha256(mail.messageId() != null ? "message-id:" + mail.messageId() : "content:" + content);
        List<Object[]> known = byIdentity(identity);
        for (Object[] row : known) {
            // Rows from before content digests were kept have none: the same mail, as it was then.
            if (row[3] == null || content.equals(row[3])) {
                return new Receipt((Long) row[0], (Long) row[1], (Disposition) row[2], true, false);
            }
        }
        Long reusedFrom = known.isEmpty() ? null : (Long) known.get(0)[0];
        Optional<OutboxMessage> bounced = mail.asBounce()
                .filter(bounce -> !bounce.returned().isEmpty())
                .flatMap(bounce -> outbox.answered(bounce.returned()).stream().findFirst());
        if (bounced.isPresent()) {
            return bounce(
                    new Stored(identity, content, reusedFrom, mail, delivery, ThreadedBy.REFERENCES, clock.instant()),
                    bounced.get());
        }
        Threading thread = thread(delivery, mail);
        Notes notes = new Notes(reusedFrom, thread.note(), mail.unreadable());
        Instant now = clock.instant();
        Ticket ticket = thread.ticket();
        Disposition disposition =
                disposition(mail, ticket != null, ticket != null && isContact(ticket, mail.from()), delivery.action());
        Stored stored = new Stored(identity, content, reusedFrom, mail, delivery, thread.by(), now);
        if (ticket == null) {
            return disposition == Disposition.AUTOMATIC
                    ? keep(stored, null, null, Disposition.AUTOMATIC)
                    : newReport(stored, notes);
        }
        String actor = actor(mail);
        HistoryEntry entry =
                switch (disposition) {
                    // Our own mail coming back is no news to the ticket; an out-of-office or a bounce is (the address
                    // may be dead).
                    case AUTOMATIC ->
                        MailParser.OWN_MAIL_RETURNED.equals(mail.automatic())
                                ? null
                                : tickets.addMessageEntry(
                                        ticket.id(),
                                        null,
                                        HistoryType.COMMENT,
                                        "Automatic mail, not answered and not a response (" + mail.automatic() + ").\n"
                                                + content(mail, notes),
                                        null,
                                        actor);
                    case REVIEW ->
                        tickets.addMessageEntry(
                                ticket.id(),
                                null,
                                HistoryType.COMMENT,
                                "For review: " + whyReview(mail) + content(mail, notes),
                                null,
                                actor);
                    case COMMENT ->
                        tickets.addMessageEntry(
                                ticket.id(), null, HistoryType.COMMENT, content(mail, notes), null, actor);
                    default -> {
                        // The event first: its observers lock what they change (a campaign, then its case, then the
                        // ticket) in the order every other change of a case does, so a reply and a scheduled step
                        // cannot deadlock.
                        replies.fire(
                                new ContactReplied(new TicketId(ticket.id()), mail.from(), mail.displayText(), now));
                        HistoryEntry correspondence = tickets.addMessageEntry(
                                ticket.id(), null, HistoryType.CORRESPOND, content(mail, notes), null, actor);
                        notifyOwner(
                                identity + (reusedFrom == null ? "" : "/" + content), tickets.find(ticket.id()), mail);
                        yield correspondence;
                    }
                };
        return keep(stored, ticket.id(), entry == null ? null : entry.id(), disposition);
    }

    /**
     * A bounce of one of our letters: kept on the letter's ticket (or none), and the recipients it reports as failed
     * recorded on the letter. A plain bounce that names none of the letter's recipients is taken as about its only
     * recipient, or as about "a recipient" of a letter to several.
     */
    private Receipt bounce(Stored stored, OutboxMessage letter) {
        Bounce bounce = stored.mail().asBounce().orElseThrow();
        Receipt receipt = keep(stored, letter.ticketId(), null, Disposition.AUTOMATIC);
        List<BouncedRecipient> failed = new ArrayList<>();
        for (String recipient : letter.recipients()) {
            bounce.reasonFor(recipient).ifPresent(reason -> failed.add(new BouncedRecipient(recipient, reason)));
        }
        if (failed.isEmpty()) {
            String reason = bounce.failures().isEmpty()
                    ? bounce.serversAnswer()
                    : bounce.failures().get(0).status() + " "
                            + bounce.failures().get(0).recipient();
            failed.add(new BouncedRecipient(
                    letter.recipients().size() == 1 ? letter.recipients().get(0) : null, reason));
        }
        bounces.record(letter, failed, receipt.mailId(), stored.now());
        return receipt;
    }

    /**
     * What a mail becomes, by whether it has a ticket and who wrote it: for no ticket a new Incident Report (a
     * machine's mail only recorded); a machine's mail recorded on the ticket; a mail not read in full, or from
     * someone who is not a contact, a comment for review; a contact's mail correspondence (a comment to the
     * comment address). Only correspondence is a site's response.
     */
    static Disposition disposition(ParsedMail mail, boolean hasTicket, boolean fromContact, MailAction action) {
        if (mail.isAutomatic()) {
            return Disposition.AUTOMATIC;
        }
        if (!hasTicket) {
            return Disposition.NEW_REPORT;
        }
        if (mail.isUnreadable() || !fromContact) {
            return Disposition.REVIEW;
        }
        return action == MailAction.COMMENT ? Disposition.COMMENT : Disposition.CORRESPONDENCE;
    }

    private static String whyReview(ParsedMail mail) {
        if (mail.isUnreadable()) {
            return "the mail could not be read in full; it changes nothing until someone reads it (the raw mail is "
                    + "kept and can be downloaded from the ticket's mails).\n";
        }
        return (mail.from() == null ? "the sender" : mail.from())
                + " is not a contact of this ticket; the mail changes nothing.\n";
    }

    /** The history's actor: the sender, cut to what the column takes (the raw mail keeps it whole). */
    private static String actor(ParsedMail mail) {
        String actor = ContactReplied.BY_MAIL + (mail.from() == null ? "unknown sender" : mail.from());
        return actor.length() > 190 ? actor.substring(0, 190) : actor;
    }

    /**
     * The ticket the gateway names, else the first tag in the subject (the outer mail's: a forwarded mail's own
     * tag does not count), else the newest of our own mails that it answers (for a letter sent before its cause had a
     * ticket, the ticket its feature names). A ticket named that does not exist, or a letter answered that belongs
     * to none, is noted and the mail threaded as if it named none: it is never dropped. A merged ticket named or
     * answered stands for the ticket it was merged into.
     */
    private Threading thread(MailDelivery delivery, ParsedMail mail) {
        String note = null;
        if (delivery.ticket() != null) {
            Ticket named = em.find(Ticket.class, delivery.ticket());
            if (named != null) {
                return new Threading(tickets.survivorOf(named), ThreadedBy.GATEWAY, null);
            }
            note = "the address names ticket #" + delivery.ticket() + ", which does not exist";
        }
        Optional<Long> tagged = TicketTag.find(mail.subject(), tags.prefix());
        if (tagged.isPresent()) {
            Ticket named = em.find(Ticket.class, tagged.get());
            if (named != null) {
                return new Threading(tickets.survivorOf(named), ThreadedBy.SUBJECT_TAG, note);
            }
            note = "the subject names ticket #" + tagged.get() + ", which does not exist";
        }
        if (!mail.answers().isEmpty()) {
            List<OutboxMessage> letters = outbox.answered(mail.answers());
            Optional<Long> answered = letters.stream()
                    .map(OutboxMessage::ticketId)
                    .filter(ticket -> ticket != null)
                    .findFirst();
            if (!letters.isEmpty() && letters.get(0).ticketId() == null) {
                // The newest letter answered was sent before its cause had a ticket: the feature that wrote it names
                // (or opens) the ticket it belongs to, which wins over an older letter's ticket.
                OutboxMessage letter = letters.get(0);
                TicketlessLetterAnswered event = new TicketlessLetterAnswered(letter.key(), mail.from());
                ticketlessReplies.fire(event);
                if (event.ticketId().isPresent()) {
                    answered = event.ticketId();
                } else if (answered.isEmpty()) {
                    note = "it answers our letter \"" + letter.subject() + "\" (" + letter.key()
                            + "), which belongs to no ticket";
                }
            }
            if (answered.isEmpty() && letters.isEmpty()) {
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
                return new Threading(tickets.survivorOf(tickets.find(answered.get())), ThreadedBy.REFERENCES, note);
            }
        }
        return new Threading(null, ThreadedBy.NONE, note);
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

    /**
     * SEC01: a mail to abuse@ about no ticket is a report. Its TLP is the subject's label, else AMBER until CSIRT
     * looks; its requestor the sender, when the sender is an address.
     *
     * @throws DomainException (conflicting state) when the gateway's --queue takes no new tickets: a configuration
     *                         to fix, so the mail waits with the MTA meanwhile
     */
    private Receipt newReport(Stored stored, Notes notes) {
        ParsedMail mail = stored.mail();
        MailDelivery delivery = stored.delivery();
        Queue queue = delivery.queue() == null || delivery.queue().isBlank()
                ? Queue.INCIDENT_REPORTS
                : Queue.parse(delivery.queue())
                        .orElseThrow(() -> DomainException.conflict(
                                "queue", "unknown queue '" + delivery.queue() + "' (check the gateway's --queue)"));
        if (queue != Queue.INCIDENT_REPORTS) {
            throw DomainException.conflict(
                    "queue",
                    "a mail for no ticket opens an Incident Report; " + queue.displayName()
                            + " takes no new tickets by mail (check the gateway's --queue)");
        }
        Matcher label = TLP_LABEL.matcher(mail.subject());
        Tlp tlp = label.find() ? Tlp.parse(label.group(1)).orElse(Tlp.AMBER) : Tlp.AMBER;
        String subject = mail.subject().isBlank() ? "(no subject)" : mail.subject();
        Ticket report = tickets.create(
                new TicketDraft(
                        queue,
                        subject.length() > 512 ? subject.substring(0, 512) : subject,
                        tlp,
                        null,
                        isAddress(mail.from()) ? List.of(mail.from()) : List.of(),
                        List.of(),
                        null,
                        null,
                        Map.of(),
                        null,
                        (mail.isUnreadable() ? "For review: " + whyReview(mail) : "") + content(mail, notes)),
                actor(mail));
        HistoryEntry created = em.createNamedQuery(HistoryEntry.OF_TICKET, HistoryEntry.class)
                .setParameter("ticket", report.id())
                .setMaxResults(1)
                .getSingleResult();
        return keep(stored, report.id(), created.id(), Disposition.NEW_REPORT);
    }

    /** An address that can be a requestor: one @, no white space, within the column. */
    private static boolean isAddress(String from) {
        return from != null && from.length() <= 254 && from.matches("[^\\s@]+@[^\\s@]+");
    }

    /**
     * The owner learns of the reply, at the owner's own address (an owner that is a user: the user's e-mail), as RT
     * notifies a ticket's owner. Never at the CSIRT's address, which the gateway itself receives: the notice would
     * come back as our own mail and nobody would read it. A ticket nobody owns, or whose owner has no e-mail, gets
     * no notice: the reply waits on the desk.
     */
    private void notifyOwner(String identity, Ticket ticket, ParsedMail mail) {
        String owner = ticket.owner();
        Optional<String> address = owner == null || owner.isBlank()
                ? Optional.empty()
                : owner.contains("@")
                        ? Optional.of(owner)
                        : users.find(owner).map(User::email).filter(email -> email != null && !email.isBlank());
        if (address.isEmpty() || address.get().equalsIgnoreCase(addresses.csirt())) {
            return;
        }
        String to = address.get();
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

    /**
     * What the ticket's history shows: who, what, what is odd about the mail (a reused Message-ID, a ticket named
     * that does not exist, what could not be read), and the text without its quoted history (the mail keeps it).
     */
    private static String content(ParsedMail mail, Notes notes) {
        StringBuilder content = new StringBuilder();
        content.append("From: ")
                .append(mail.from() == null ? "(unknown)" : mail.from())
                .append('\n');
        content.append("Subject: ").append(mail.subject()).append('\n');
        if (mail.messageId() != null) {
            content.append("Message-ID: ").append(mail.messageId());
            if (notes.messageIdReusedFrom() != null) {
                content.append(" (reused: mail #")
                        .append(notes.messageIdReusedFrom())
                        .append(", a different mail, came with it before)");
            }
            content.append('\n');
        }
        if (!mail.attachments().isEmpty()) {
            content.append("Attachments: ").append(attachmentList(mail)).append('\n');
        }
        for (String over : mail.notStored()) {
            content.append("Not stored: ").append(over).append('\n');
        }
        if (notes.threadingNote() != null) {
            content.append("Note: ").append(notes.threadingNote()).append('\n');
        }
        if (notes.unreadable() != null) {
            content.append("Unreadable: ").append(notes.unreadable()).append('\n');
        }
        String text = mail.displayText();
        if (text.length() > MAX_SHOWN_CHARS) {
            text = text.substring(0, MAX_SHOWN_CHARS) + "\n[... cut here: the whole text is in the ticket's mails]";
        }
        return content.append('\n').append(text).toString();
    }

    private static String attachmentList(ParsedMail mail) {
        return mail.attachments().stream().map(MailIntake::describe).collect(Collectors.joining(", "));
    }

    private static String describe(MailAttachment attachment) {
        return (attachment.filename() == null ? "(no name)" : attachment.filename()) + " (" + attachment.contentType()
                + ", " + attachment.size() + " bytes)";
    }

    /** A mail to store once its ticket and disposition are known ({@link #keep}). */
    private record Stored(
            String identity,
            String content,
            Long reusedFrom,
            ParsedMail mail,
            MailDelivery delivery,
            ThreadedBy by,
            Instant now) {}

    /**
     * Writes the mail once, with its attachments, on its ticket (none for an automatic mail without one) and with the
     * history entry it made there (none for a mail that made none).
     */
    private Receipt keep(Stored stored, Long ticketId, Long historyEntryId, Disposition disposition) {
        ParsedMail mail = stored.mail();
        IncomingMail kept = new IncomingMail(
                stored.identity(),
                stored.content(),
                stored.reusedFrom(),
                mail,
                stored.delivery().raw(),
                stored.delivery().channel(),
                stored.delivery().action(),
                ticketId,
                historyEntryId,
                stored.by(),
                disposition,
                stored.now());
        em.persist(kept);
        em.flush();
        List<MailAttachment> attachments = mail.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            em.persist(new IncomingAttachment(kept.id(), i + 1, attachments.get(i)));
        }
        return new Receipt(kept.id(), ticketId, disposition, false, mail.isUnreadable());
    }

    /** The mails received before under the identity: id, ticket, disposition, content digest; not the raw mails. */
    private List<Object[]> byIdentity(String identity) {
        return em.createQuery(
                        "select m.id, m.ticketId, m.disposition, m.contentSha256 from IncomingMail m "
                                + "where m.identitySha256 = :identity order by m.id",
                        Object[].class)
                .setParameter("identity", identity)
                .getResultList();
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
