package org.csirtdesk.schedule.entity;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The owner kind a {@link StepDue} is announced to: each feature observes the due steps of its own kinds only
 * ({@code @Observes @OwnedBy(Deadline.STEP_OWNER) StepDue}), so no observer is called for another's steps.
 */
@Qualifier
@Retention(RUNTIME)
@Target({PARAMETER, FIELD, METHOD})
public @interface OwnedBy {

    /** The owner kind, as {@link StepOwner#kind()}. */
    String value();

    /** The qualifier of an owner kind, for firing. */
    final class Literal extends AnnotationLiteral<OwnedBy> implements OwnedBy {

        private static final long serialVersionUID = 1L;

        private final String value;

        public Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
