package org.csirtdesk.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One address of a message, in To or Cc. */
@Embeddable
public class Recipient {

    @Column(nullable = false, length = 2)
    private String kind;

    @Column(nullable = false, length = 254)
    private String email;

    protected Recipient() {}

    Recipient(String kind, String email) {
        this.kind = kind;
        this.email = email;
    }

    static Recipient to(String email) {
        return new Recipient("TO", email);
    }

    static Recipient cc(String email) {
        return new Recipient("CC", email);
    }

    boolean isTo() {
        return kind.equals("TO");
    }

    String email() {
        return email;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recipient recipient && kind.equals(recipient.kind) && email.equals(recipient.email);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, email);
    }
}
