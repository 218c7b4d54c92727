package org.csirtdesk.site.entity;

/** A contact of a site or NGI ({@code owner} is its name) as the registry lists it. */
public record ContactRecord(String owner, String email, String role, String name) {

    public Contact toContact() {
        return new Contact(email, role, name);
    }
}
