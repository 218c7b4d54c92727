package org.csirtdesk.platform.entity;

import java.util.Optional;

/**
 * A GOCDB site's name, as one feature names a site to another. The registry compares names ignoring case, so two
 * spellings may name one site; this value only guarantees a name worth looking up (not blank, no surrounding
 * space, within the registry's column).
 */
public record SiteName(String value) {

    public SiteName {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a site name must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("site name '" + value + "' must not begin or end with white space");
        }
        if (value.length() > 100) {
            throw new IllegalArgumentException(
                    "site name '" + value.substring(0, 40) + "...' is longer than 100 characters");
        }
    }

    /** The site name a person or a stored row gave, if it is one: a malformed name names no site. */
    public static Optional<SiteName> ifWellFormed(String name) {
        if (name == null || name.isBlank() || !name.equals(name.strip()) || name.length() > 100) {
            return Optional.empty();
        }
        return Optional.of(new SiteName(name));
    }

    @Override
    public String toString() {
        return value;
    }
}
