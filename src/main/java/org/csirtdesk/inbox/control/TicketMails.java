package org.csirtdesk.inbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.csirtdesk.inbox.entity.IncomingMail;
import org.csirtdesk.inbox.entity.MailAttachment;
import org.csirtdesk.platform.entity.DomainException;

/**
 * The mails a ticket received, to read on the desk: what was shown in the history, the quoted history cut from
 * it, what became of each mail, what of it could not be read, and its attachments by name, type and size. Reads named columns only: the raw
 * mail and the attachments' bytes stay in the database until one attachment is asked for.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TicketMails {

    /** An attachment as listed: its place in the mail, name (may be none), declared type and size in bytes. */
    public record AttachmentSummary(int position, String filename, String contentType, long size) {}

    /**
     * One received mail: {@code text} is what the ticket shows, {@code quoted} the quoted history cut from it (empty
     * when there was none).
     */
    public record MailSummary(
            long id,
            Instant receivedAt,
            String from,
            String subject,
            String messageId,
            IncomingMail.Disposition disposition,
            String automaticReason,
            String unreadable,
            Long messageIdReusedFrom,
            boolean needsReview,
            String text,
            String quoted,
            List<AttachmentSummary> attachments) {}

    /** A mail as it came, for a download: the only whole record of a mail that could not be read in full. */
    public record RawContent(long mailId, byte[] raw) {}

    /** An attachment's bytes, for a download. */
    public record AttachmentContent(String filename, String contentType, byte[] content) {}

    @PersistenceContext
    EntityManager em;

    /** Oldest first, as the history reads. */
    public List<MailSummary> of(long ticketId) {
        List<Tuple> mails = em.createQuery("""
                        select m.id as id, m.receivedAt as receivedAt, m.fromAddress as fromAddress, m.subject as subject,
                        m.messageId as messageId, m.disposition as disposition, m.automaticReason as automaticReason,
                        m.unreadable as unreadable, m.messageIdReusedFrom as messageIdReusedFrom,
                        m.needsReview as needsReview, m.displayText as displayText, m.bodyText as bodyText
                        from IncomingMail m where m.ticketId = :ticket order by m.id""", Tuple.class)
                .setParameter("ticket", ticketId)
                .getResultList();
        if (mails.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AttachmentSummary>> attachments = em.createQuery("""
                        select a.mailId as mailId, a.position as position, a.file.filename as filename,
                        a.file.contentType as contentType, a.size as size
                        from IncomingAttachment a where a.mailId in :mails order by a.mailId, a.position""", Tuple.class)
                .setParameter(
                        "mails",
                        mails.stream().map(m -> m.get("id", Long.class)).toList())
                .getResultStream()
                .collect(Collectors.groupingBy(
                        a -> a.get("mailId", Long.class),
                        Collectors.mapping(
                                a -> new AttachmentSummary(
                                        a.get("position", Integer.class),
                                        a.get("filename", String.class),
                                        a.get("contentType", String.class),
                                        a.get("size", Long.class)),
                                Collectors.toList())));
        List<MailSummary> summaries = new ArrayList<>();
        for (Tuple m : mails) {
            String shown = m.get("displayText", String.class);
            long id = m.get("id", Long.class);
            summaries.add(new MailSummary(
                    id,
                    m.get("receivedAt", Instant.class),
                    m.get("fromAddress", String.class),
                    m.get("subject", String.class),
                    m.get("messageId", String.class),
                    m.get("disposition", IncomingMail.Disposition.class),
                    m.get("automaticReason", String.class),
                    m.get("unreadable", String.class),
                    m.get("messageIdReusedFrom", Long.class),
                    m.get("needsReview", Boolean.class),
                    shown,
                    quoted(m.get("bodyText", String.class), shown),
                    attachments.getOrDefault(id, List.of())));
        }
        return summaries;
    }

    /** The received mail a history entry recorded: its id, Message-ID (may be none), sender and subject. */
    public record EntryMail(long id, String messageId, String from, String subject) {}

    /** The mail that made a history entry, as the gateway noted it with the mail; none for an entry made otherwise. */
    public Optional<EntryMail> ofEntry(long entryId) {
        return em.createQuery(
                        "select m.id as id, m.messageId as messageId, m.fromAddress as fromAddress, m.subject as subject"
                                + " from IncomingMail m where m.historyEntryId = :entry order by m.id",
                        Tuple.class)
                .setParameter("entry", entryId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(m -> new EntryMail(
                        m.get("id", Long.class),
                        m.get("messageId", String.class),
                        m.get("fromAddress", String.class),
                        m.get("subject", String.class)));
    }

    /** The attachments of a mail, decoded, in their order in the mail. */
    public List<MailAttachment> attachments(long mailId) {
        return em.createQuery(
                        "select a.file.filename as filename, a.file.contentType as contentType, a.file.content as content"
                                + " from IncomingAttachment a where a.mailId = :mail order by a.position",
                        Tuple.class)
                .setParameter("mail", mailId)
                .getResultStream()
                .map(a -> new MailAttachment(
                        a.get("filename", String.class),
                        a.get("contentType", String.class),
                        a.get("content", byte[].class)))
                .toList();
    }

    /** The part of the whole text that the shown text left out: what follows it, or all of it if it does not start so. */
    static String quoted(String whole, String shown) {
        String all = whole.strip();
        if (all.equals(shown.strip())) {
            return "";
        }
        return all.startsWith(shown.strip())
                ? all.substring(shown.strip().length()).strip()
                : all;
    }

    /** One attachment of one of the ticket's mails; not found when the mail is another ticket's. */
    public AttachmentContent attachment(long ticketId, long mailId, int position) {
        List<Tuple> found = em.createQuery("""
                        select a.file.filename as filename, a.file.contentType as contentType, a.file.content as content
                        from IncomingAttachment a, IncomingMail m
                        where a.mailId = :mail and a.position = :position and m.id = a.mailId and m.ticketId = :ticket""", Tuple.class)
                .setParameter("mail", mailId)
                .setParameter("position", position)
                .setParameter("ticket", ticketId)
                .getResultList();
        if (found.isEmpty()) {
            throw DomainException.notFound(
                    "attachment " + position + " of mail #" + mailId + " on ticket #" + ticketId);
        }
        Tuple a = found.get(0);
        return new AttachmentContent(
                a.get("filename", String.class), a.get("contentType", String.class), a.get("content", byte[].class));
    }

    /** The raw mail of one of the ticket's mails; not found when the mail is another ticket's. */
    public RawContent raw(long ticketId, long mailId) {
        List<byte[]> found = em.createQuery(
                        "select m.raw from IncomingMail m where m.id = :mail and m.ticketId = :ticket", byte[].class)
                .setParameter("mail", mailId)
                .setParameter("ticket", ticketId)
                .getResultList();
        if (found.isEmpty()) {
            throw DomainException.notFound("mail #" + mailId + " on ticket #" + ticketId);
        }
        return new RawContent(mailId, found.get(0));
    }
}
