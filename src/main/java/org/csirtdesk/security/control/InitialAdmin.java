package org.csirtdesk.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.security.entity.Role;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first admin of a new installation, from {@code csirt.security.initial-admin=name:password} (environment
 * {@code CSIRT_SECURITY_INITIAL_ADMIN}): added at start when the users table is empty, ignored once any user
 * exists, so that the setting cannot reset anything later. A bad value stops the deployment with the reason.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InitialAdmin {

    public static final String KEY = "csirt.security.initial-admin";
    static final String ACTOR = "initial-admin";
    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());

    @Inject
    @ConfigProperty(name = KEY)
    Optional<String> account;

    @Inject
    Users users;

    @PostConstruct
    void add() {
        if (account.isEmpty()) {
            return;
        }
        int colon = account.get().indexOf(':');
        if (colon < 1) {
            throw new IllegalStateException(
                    KEY + " must be name:password, e.g. CSIRT_SECURITY_INITIAL_ADMIN=alice:<a password "
                            + "of at least " + UserDraft.MIN_PASSWORD_LENGTH + " characters>");
        }
        String name = account.get().substring(0, colon);
        if (users.count() > 0) {
            LOG.info(() -> KEY + " is set but users exist already; nothing done (remove the setting)");
            return;
        }
        try {
            users.add(new UserDraft(name, account.get().substring(colon + 1), List.of(Role.ADMIN.slug()), null), ACTOR);
            LOG.warning(() -> "Added the first admin '" + name + "' from " + KEY + "; remove the setting now and keep "
                    + "the password elsewhere");
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.CONFLICTING_STATE) {
                throw new IllegalStateException(
                        KEY + ": "
                                + (e.errors().isEmpty()
                                        ? e.getMessage()
                                        : e.errors().stream()
                                                .map(error -> error.field() + " " + error.reason())
                                                .collect(Collectors.joining("; "))),
                        e);
            }
            LOG.info(() -> "Another instance added the first admin '" + name + "' at the same moment");
        }
    }
}
