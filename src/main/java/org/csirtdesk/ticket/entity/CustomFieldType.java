package org.csirtdesk.ticket.entity;

/** The value types a custom field can hold. */
public enum CustomFieldType {
    TEXT,
    DATE_TIME,
    SELECT
}
