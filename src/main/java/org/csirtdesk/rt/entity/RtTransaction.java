package org.csirtdesk.rt.entity;

import java.time.Instant;

/**
 * One entry of a ticket's history in RT: its type ({@code Create}, {@code Correspond}, {@code Comment}, {@code Status},
 * {@code Set}, {@code CustomField}, {@code AddLink}, {@code EmailRecord}...), who made it (user name), when, and for a
 * change the field with its old and new values as RT wrote them (empty strings when none; for a custom field,
 * {@code field} is the custom field's id; for an owner, user ids).
 */
public record RtTransaction(
        long id, String type, String creator, Instant created, String field, String oldValue, String newValue) {}
