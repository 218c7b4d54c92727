/**
 * Mail: the outbox that every message passes through (written in the same transaction as its cause, one
 * row per cause), and the letters, rendered from templates; and mail in: the rt-mailgate gateway
 * ({@code boundary.MailGateway}), MIME reading ({@code control.MailParser}) and what becomes of each mail
 * ({@code control.MailIntake}: threading, correspondence from a ticket's contacts, comments for review, automatic
 * mail recorded, new Incident Reports), stored whole in {@code incoming_mails}. A contact's reply raises
 * {@code entity.ContactReplied} for other features to react to.
 */
package org.csirtdesk.mail;
