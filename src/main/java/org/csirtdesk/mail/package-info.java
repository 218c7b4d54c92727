/**
 * Mail out: the outbox that every message passes through (written in the same transaction as its cause, one
 * row per cause), the letters, rendered from templates, sending with backoff and OpenPGP/MIME signing, and a
 * person's replies and canned texts on a ticket. Mail in is the inbox feature's ({@code org.csirtdesk.inbox}).
 */
package org.csirtdesk.mail;
