package org.csirtdesk.finding.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The monitoring systems that post findings, each with its own format and API token. */
public enum Source {
    ALERTMANAGER,
    PAKITI,
    ARGO;

    /** The name in paths, configuration keys and answers: {@code alertmanager}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The slug with its indefinite article, for sentences: {@code an alertmanager}, {@code a pakiti}. */
    public String withArticle() {
        return ("aeiou".indexOf(slug().charAt(0)) >= 0 ? "an " : "a ") + slug();
    }

    public static Optional<Source> parse(String text) {
        return Arrays.stream(values())
                .filter(source -> source.slug().equalsIgnoreCase(text))
                .findFirst();
    }
}
