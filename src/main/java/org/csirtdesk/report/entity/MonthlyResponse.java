package org.csirtdesk.report.entity;

/**
 * The first responses of one month of the period ({@code YYYY-MM}, in the CSIRT's zone) to the tickets created in it in
 * the queues that answer a requestor: how many were created, how many still await a first response at the period's
 * end, and the times to first response in working days.
 */
public record MonthlyResponse(String month, long created, long awaitingFirstResponse, Distribution firstResponse) {}
