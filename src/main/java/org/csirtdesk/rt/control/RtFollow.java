package org.csirtdesk.rt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.csirtdesk.rt.entity.RtChange;
import org.csirtdesk.rt.entity.RtTransaction;
import org.csirtdesk.ticket.entity.Queue;

/**
 * Follows the application's tickets in RT: what sites (by RT's mail gateway) and staff (in RT's web interface) did
 * there is mirrored into the application's tickets, and the procedures react to it as to their own. One instance
 * at a time follows (a lease in the database); the cursor is RT's {@code LastUpdated} of the newest change seen (RT's
 * real time: the exercise clock moves only the application's), and
 * each ticket's newest mirrored transaction makes reading a change twice harmless. No database transaction is
 * open while RT is asked: what RT says is read first, then mirrored in one short transaction per ticket.
 */
@ApplicationScoped
public class RtFollow {

    private static final Logger LOG = Logger.getLogger(RtFollow.class.getName());

    /** RT's LastUpdated has whole seconds: a change in the cursor's own second is read again (and skipped). */
    private static final Duration OVERLAP = Duration.ofSeconds(2);

    private static final int PAGE = 100;

    @Inject
    RtClient rt;

    @Inject
    RtSettings settings;

    @Inject
    RtStoreState state;

    @Inject
    RtMirror mirror;

    private final AtomicBoolean following = new AtomicBoolean();

    /** One look at RT, if this instance holds the follower's lease and is not still at the previous one. */
    public void followOnce() {
        if (!following.compareAndSet(false, true)) {
            return;
        }
        try {
            if (state.leaseFollowing(settings.pollInterval().multipliedBy(6).plusSeconds(30))) {
                follow();
            }
        } finally {
            following.set(false);
        }
    }

    private void follow() {
        Instant since = state.cursor().orElse(Instant.EPOCH);
        List<String> queues = new ArrayList<>();
        for (Queue queue : Queue.values()) {
            queues.add(settings.queueName(queue));
        }
        List<RtChange> changed;
        try {
            changed = rt.changesSince(since.minus(OVERLAP), queues, PAGE * 10);
            state.answered();
        } catch (RtUnavailable | RtRefused e) {
            state.unavailable(e.getMessage());
            return;
        }
        Map<Long, RtMirror.Followed> followed =
                mirror.followed(changed.stream().map(RtChange::id).toList());
        Instant newest = since;
        for (RtChange change : changed) {
            RtMirror.Followed ticket = followed.get(change.id());
            if (ticket != null && !follow(ticket)) {
                break;
            }
            if (change.lastUpdated().isAfter(newest)) {
                newest = change.lastUpdated();
            }
        }
        state.advance(newest);
    }

    /** Mirrors one ticket's new transactions; answers false when RT stopped answering (the cursor stays). */
    private boolean follow(RtMirror.Followed ticket) {
        try {
            List<RtTransaction> news = rt.history(ticket.rtId(), ticket.lastTransaction());
            if (news.isEmpty()) {
                return true;
            }
            List<RtMirror.Mirrored> mirrored = new ArrayList<>();
            Map<String, Optional<String>> users = new HashMap<>();
            for (RtTransaction txn : news) {
                if (settings.applicationUser().equals(txn.creator())) {
                    mirrored.add(new RtMirror.Mirrored(txn, null, null, null));
                    continue;
                }
                boolean message = "Correspond".equals(txn.type()) || "Comment".equals(txn.type());
                mirrored.add(new RtMirror.Mirrored(
                        txn,
                        message ? rt.content(txn.id()) : null,
                        message ? emailOf(txn.creator()) : null,
                        "Owner".equals(txn.field()) ? userName(txn.newValue(), users) : null));
            }
            state.answered();
            try {
                mirror.apply(ticket, mirrored);
            } catch (RuntimeException e) {
                // What RT did cannot be mirrored (a value the application refuses): said in the log, and passed over
                // so that one ticket cannot stop the following of all the others.
                LOG.log(Level.WARNING, "RT ticket " + ticket.rtId() + "'s changes could not be mirrored", e);
                mirror.passOver(ticket, news.get(news.size() - 1).id());
            }
            return true;
        } catch (RtUnavailable e) {
            state.unavailable(e.getMessage());
            return false;
        } catch (RtRefused e) {
            LOG.log(Level.WARNING, "RT refused to show ticket " + ticket.rtId() + ": " + e.getMessage());
            return true;
        }
    }

    private String userName(String idOrName, Map<String, Optional<String>> users) {
        return users.computeIfAbsent(idOrName, key -> {
                    if (key == null || key.isBlank()) {
                        return Optional.empty();
                    }
                    return Optional.ofNullable(rt.user(key).name()).filter(name -> !"Nobody".equals(name));
                })
                .orElse(null);
    }

    /**
     * The address of a message's author. RT names the users its mail gateway makes after their address; another
     * user's address is looked up, and one RT does not show (an unprivileged user, to an application user without
     * the right to see users) is no contact's.
     */
    private String emailOf(String userName) {
        if (userName.contains("@")) {
            return userName;
        }
        try {
            return rt.user(userName).emailAddress();
        } catch (RtRefused e) {
            LOG.fine("RT did not show user " + userName + ": " + e.getMessage());
            return null;
        }
    }
}
