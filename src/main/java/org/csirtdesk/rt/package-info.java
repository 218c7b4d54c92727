/**
 * The RT ticket store ({@code csirt.tickets.store=rt}, issue 17): CSIRT Desk's tickets kept in a Request Tracker 5 with
 * RT-IR's queues. It owns the REST2 client ({@code control.RtClient}) and its settings ({@code control.RtSettings},
 * the one reader of {@code csirt.rt.*}), the values RT answers cleaned of RT's quirks ({@code entity}), and the
 * synchronisation between the desk's tickets and RT's (what is pushed when, exactly once, following RT's changes).
 * It owns no table of its own yet; tickets, their history and links stay the ticket feature's.
 */
package org.csirtdesk.rt;
