package org.csirtdesk.rt.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.rt.entity.RtFile;

/**
 * The files of a message mirrored from RT (a mail RT received, staff's reply there with an upload). The mirror keeps
 * only the text; the files stay in RT and are fetched when someone asks for them (a forward), so that the
 * application stores no second copy of every file RT has.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RtFiles {

    @PersistenceContext
    EntityManager em;

    @Inject
    RtClient rt;

    /**
     * The files of the RT transaction a history entry was mirrored from, in RT's order; none for an entry made in the
     * application (and in the local ticket store, where no entry is mirrored, without asking RT).
     *
     * @throws DomainException UPSTREAM_FAILED when RT does not answer or refuses: the caller's action fails, and may
     *                         be tried again
     */
    public List<RtFile> of(long historyId) {
        List<?> transaction = em.createNativeQuery(
                        "SELECT rt_transaction_id FROM rt_mirrored_messages WHERE history_id = ?1")
                .setParameter(1, historyId)
                .getResultList();
        if (transaction.isEmpty()) {
            return List.of();
        }
        long id = ((Number) transaction.get(0)).longValue();
        try {
            return rt.files(id);
        } catch (RtUnavailable | RtRefused e) {
            throw new DomainException(
                    DomainException.Kind.UPSTREAM_FAILED,
                    "the files of the message are in RT (transaction " + id + "), which did not give them: "
                            + e.getMessage());
        }
    }
}
