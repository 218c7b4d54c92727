package org.csirtdesk.site.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** A person or list with a role at a site or NGI, as GOCDB names the role ("Site Administrator"). */
@Embeddable
public class Contact {

    @Column(nullable = false, length = 254)
    private String email;

    @Column(nullable = false, length = 100)
    private String role;

    @Column(length = 200)
    private String name;

    protected Contact() {}

    public Contact(String email, String role, String name) {
        this.email = email;
        this.role = role;
        this.name = name;
    }

    public String email() {
        return email;
    }

    public String role() {
        return role;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact contact
                && email.equals(contact.email)
                && role.equals(contact.role)
                && Objects.equals(name, contact.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, role, name);
    }
}
