package org.csirtdesk.inbox.entity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bounce says: the Message-IDs of the mail it returns (from the returned message or its headers, which every
 * MTA includes), the recipients it names as failed with their status and the remote server's words (a delivery
 * status notification's, RFC 3464), and, for a plain bounce that has no such report, its explanation: the text
 * before the returned mail, in which the failed addresses and the server's words stand.
 */
public record Bounce(List<String> returned, List<FailedDelivery> failures, String explanation) {

    /** One recipient a delivery status notification reports as failed ({@code Action: failed}). */
    public record FailedDelivery(String recipient, String status, String diagnostic) {}

    public Bounce {
        returned = List.copyOf(returned);
        failures = List.copyOf(failures);
    }

    /**
     * Why delivery to this recipient failed, if the bounce says it did: the report's status and diagnostic, or for a
     * plain bounce that names the address, its explanation's first line with a server's answer in it.
     */
    public Optional<String> reasonFor(String recipient) {
        String address = recipient.toLowerCase(Locale.ROOT);
        if (!failures.isEmpty()) {
            return failures.stream()
                    .filter(failure -> failure.recipient().equalsIgnoreCase(address))
                    .findFirst()
                    .map(failure -> failure.status()
                            + (failure.diagnostic() == null
                                            || failure.diagnostic().isBlank()
                                    ? ""
                                    : " " + failure.diagnostic()));
        }
        return explanation.toLowerCase(Locale.ROOT).contains(address) ? Optional.of(serversAnswer()) : Optional.empty();
    }

    /** The explanation's first line that carries an SMTP reply code or an enhanced status code, else its first line. */
    public String serversAnswer() {
        List<String> lines = explanation
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        return lines.stream()
                .filter(line -> line.matches(".*\\b[45]\\d\\d[ -].*|.*\\b[45]\\.\\d{1,3}\\.\\d{1,3}\\b.*"))
                .findFirst()
                .or(() -> lines.stream().findFirst())
                .map(line -> line.length() > 500 ? line.substring(0, 500) + "…" : line)
                .orElse("(the bounce gives no reason)");
    }
}
