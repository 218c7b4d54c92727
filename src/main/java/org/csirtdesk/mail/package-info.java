/**
 * Mail: the outbox that every message passes through (written in the same transaction as its cause, one
 * row per cause), and the letters, rendered from templates. Sending and replies by mail come with the mail
 * issue; until then the outbox is readable through {@code /api/outbox}.
 */
package org.csirtdesk.mail;
