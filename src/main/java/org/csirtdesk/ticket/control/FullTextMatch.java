package org.csirtdesk.ticket.control;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * MariaDB's full-text search as a JPQL function, {@code fulltext_match(column, :search) > 0}: {@code MATCH (column)
 * AGAINST (:search IN BOOLEAN MODE)}, its relevance, which the FULLTEXT index of that column answers. Hibernate finds
 * it through META-INF/services.
 */
public class FullTextMatch implements FunctionContributor {

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        functions
                .getFunctionRegistry()
                .registerPattern(
                        "fulltext_match",
                        "match(?1) against(?2 in boolean mode)",
                        functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.DOUBLE));
    }
}
