/**
 * The RT-IR style ticket core: the four queues with their lifecycles (explicit transition tables),
 * tickets with contacts, TLP and typed custom fields, RT-IR's link rules between incidents and their
 * children, and the append-only history of every change. Every later feature works through it.
 */
package org.csirtdesk.ticket;
