package org.csirtdesk.mail.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.csirtdesk.platform.control.CsirtAddresses;
import org.eclipse.microprofile.config.Config;

/**
 * The mailing lists' addresses, which TLP:RED never goes to (SEC01-tlp): those of {@code csirt.mail.list-addresses}
 * and every {@code csirt.lists.*} address the procedures write to, so a list added for a procedure counts at once.
 */
@ApplicationScoped
public class ListAddresses {

    static final String LIST_ADDRESSES = "csirt.mail.list-addresses";

    @Inject
    Config config;

    @Inject
    CsirtAddresses procedures;

    private Set<String> lists;

    @PostConstruct
    void collect() {
        Set<String> addresses = new TreeSet<>();
        // Read here, not injected: Payara's injection of Optional<List<String>> fails when the list is used.
        config.getOptionalValues(LIST_ADDRESSES, String.class).ifPresent(addresses::addAll);
        addresses.addAll(procedures.lists());
        lists = addresses.stream().map(ListAddresses::normal).collect(Collectors.toUnmodifiableSet());
    }

    /** The recipients that are lists, in the order given. */
    public List<String> among(List<String> recipients) {
        return recipients.stream()
                .filter(address -> lists.contains(normal(address)))
                .toList();
    }

    private static String normal(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
