package org.csirtdesk.ticket.entity;

/** The kinds of change a ticket's history records, as RT's transaction types. */
public enum HistoryType {
    CREATE,
    CORRESPOND,
    COMMENT,
    STATUS,
    FIELD,
    OWNER,
    LINK,
    UNLINK,
    /** RT's merge: on the merged ticket (naming the survivor) and on the survivor (naming the merged one). */
    MERGE
}
