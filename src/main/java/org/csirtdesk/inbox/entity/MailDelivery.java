package org.csirtdesk.inbox.entity;

/**
 * One mail handed to the application, as rt-mailgate hands it: the raw mail, what the address asks for, the
 * queue a mail for no ticket goes to (null: Incident Reports) and the ticket an address extension names (null:
 * found from the mail).
 */
public record MailDelivery(IncomingMail.Channel channel, MailAction action, String queue, Long ticket, byte[] raw) {}
