package org.csirtdesk.ticket.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;
import org.csirtdesk.ticket.entity.CustomField;
import org.csirtdesk.ticket.entity.CustomFieldType;
import org.csirtdesk.ticket.entity.Queue;

/** The custom fields each queue defines, and the checking of values against them. */
@ApplicationScoped
@Transactional
public class CustomFields {

    @PersistenceContext
    EntityManager em;

    @Inject
    CustomFields() {}

    public List<CustomField> of(Queue queue) {
        return em.createNamedQuery(CustomField.OF_QUEUE, CustomField.class)
                .setParameter("queue", queue)
                .getResultList();
    }

    public CustomField define(
            Queue queue, String name, CustomFieldType type, String description, List<String> options) {
        if (of(queue).stream().anyMatch(field -> field.name().equalsIgnoreCase(name))) {
            throw DomainException.conflict(
                    "name", "the " + queue.displayName() + " queue already has a field '" + name + "'");
        }
        if (type == CustomFieldType.SELECT && (options == null || options.isEmpty())) {
            throw DomainException.invalid("options", "a select field needs at least one option");
        }
        for (int i = 0; options != null && i < options.size(); i++) {
            String option = options.get(i);
            if (option == null || option.isBlank() || option.length() > 190) {
                throw DomainException.invalid("options[" + i + "]", "an option is 1 to 190 characters");
            }
        }
        CustomField field = new CustomField(queue, name, type, description, options == null ? List.of() : options);
        em.persist(field);
        return field;
    }

    /**
     * Checks values against the queue's fields and returns them in stored form (null clears a field).
     * Every bad value is reported at once, as {@code customFields.<name>}.
     */
    public Map<String, String> normalize(Queue queue, Map<String, String> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        Map<String, CustomField> fields =
                of(queue).stream().collect(Collectors.toMap(CustomField::name, Function.identity()));
        Map<String, String> normalized = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        values.forEach((name, value) -> {
            CustomField field = fields.get(name);
            if (field == null) {
                errors.add(new FieldError(
                        "customFields." + name,
                        "the " + queue.displayName() + " queue has no such field; its fields are " + fields.keySet()));
            } else if (value == null || value.isEmpty()) {
                normalized.put(name, null);
            } else {
                CustomField.Result result = field.normalize(value);
                if (result.error() != null) {
                    errors.add(new FieldError("customFields." + name, result.error()));
                } else {
                    normalized.put(name, result.value());
                }
            }
        });
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return normalized;
    }
}
