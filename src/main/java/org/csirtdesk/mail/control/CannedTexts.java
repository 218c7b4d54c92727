package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.csirtdesk.mail.entity.Letter;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.csirtdesk.ticket.control.TicketTags;
import org.csirtdesk.ticket.entity.Ticket;

/**
 * The desk's canned texts: replies ({@code letters/reply-*.ftl}) and comments ({@code letters/comment-*.ftl}),
 * rendered for one ticket so that the person answering starts from a text and edits it. The WAR brings a few;
 * {@code csirt.mail.templates-dir} overrides them and adds more (any {@code reply-<name>.ftl} or
 * {@code comment-<name>.ftl} found there), as it does for every letter.
 */
@ApplicationScoped
public class CannedTexts {

    /** Whether a text is a reply (mailed to the ticket's contacts) or a comment (CSIRT only). */
    public enum Kind {
        REPLY,
        COMMENT;

        String prefix() {
            return name().toLowerCase(Locale.ROOT) + "-";
        }
    }

    /** A canned text rendered for a ticket; {@code error} says why a broken template rendered nothing. */
    public record Canned(String name, Kind kind, String title, String subject, String body, String error) {}

    private static final List<String> IN_THE_WAR = List.of(
            "reply-acknowledge-receipt",
            "reply-request-for-information",
            "reply-thanks-and-resolve",
            "comment-site-phoned",
            "comment-handover");
    private static final Pattern NAME = Pattern.compile("(reply|comment)-[a-z0-9][a-z0-9-]{0,60}");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Inject
    Letters letters;

    @Inject
    TicketTags tags;

    @Inject
    CsirtAddresses addresses;

    /** Every canned text, replies first, each rendered for {@code ticket} as written by {@code user}. */
    public List<Canned> forTicket(Ticket ticket, String user) {
        Map<String, Object> model = model(ticket, user);
        return names().stream().map(name -> render(name, model)).toList();
    }

    /** The names in the WAR and in the override folder, replies first, each kind in alphabetical order. */
    List<String> names() {
        TreeSet<String> names = new TreeSet<>(IN_THE_WAR);
        letters.overrideFolder().map(File::new).map(File::list).ifPresent(files -> Arrays.stream(files)
                .filter(file -> file.endsWith(".ftl"))
                .map(file -> file.substring(0, file.length() - ".ftl".length()))
                .filter(name -> NAME.matcher(name).matches())
                .forEach(names::add));
        return names.stream()
                .sorted((a, b) -> kind(a).compareTo(kind(b)) != 0 ? kind(a).compareTo(kind(b)) : a.compareTo(b))
                .toList();
    }

    private Canned render(String name, Map<String, Object> model) {
        Kind kind = kind(name);
        try {
            Letter letter = letters.render(name, model);
            return new Canned(name, kind, title(name), letter.subject(), letter.body(), null);
        } catch (IllegalStateException e) {
            // An operator's broken override must not take the other texts with it: the desk shows why.
            return new Canned(name, kind, title(name), null, null, e.getMessage());
        }
    }

    private static Kind kind(String name) {
        return name.startsWith(Kind.COMMENT.prefix()) ? Kind.COMMENT : Kind.REPLY;
    }

    /** {@code reply-request-for-information} is "Request for information". */
    static String title(String name) {
        String words = name.substring(kind(name).prefix().length()).replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private Map<String, Object> model(Ticket ticket, String user) {
        Map<String, Object> about = new HashMap<>();
        about.put("id", ticket.id());
        about.put("subject", ticket.subject());
        about.put("queue", ticket.queue().displayName());
        about.put("status", ticket.status().label());
        about.put("tlp", ticket.tlp().name());
        about.put("due", ticket.due() == null ? "" : UTC.format(ticket.due()));
        about.put("owner", ticket.owner() == null ? "" : ticket.owner());
        if (ticket.site() != null) {
            about.put("site", ticket.site());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("ticket", about);
        model.put("tag", tags.of(ticket.id()));
        model.put("greeting", ticket.site() == null ? "colleagues" : "administrators of " + ticket.site());
        model.put("requestors", String.join(", ", ticket.requestors()));
        model.put("csirt", addresses.csirt());
        model.put("user", user);
        return model;
    }
}
