/**
 * Mail in: the rt-mailgate gateway ({@code boundary.MailGateway}) and the IMAP mailbox ({@code boundary.ImapPolling},
 * {@code control.ImapMailbox}), lenient MIME reading of broken real-world mail ({@code control.MailParser},
 * {@code control.RawMail}) and what becomes of each mail ({@code control.MailIntake}: threading, correspondence from
 * a ticket's contacts, comments for review, automatic mail recorded, new Incident Reports; a mail not read in full
 * kept raw for review; only mail over the size limits refused, {@code entity.MailRefused}, logged and counted by
 * {@code control.InboxMetrics}), stored whole in {@code incoming_mails} (the same mail once: its Message-ID and
 * content digest), and the mails a ticket received as the desk reads them ({@code control.TicketMails}). A
 * contact's reply raises {@code ticket.entity.ContactReplied} for other features to react to. Notices it sends (the owner
 * told of a reply) go through the mail feature's outbox.
 */
package org.csirtdesk.inbox;
