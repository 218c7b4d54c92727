/**
 * The calendars of the procedures: the CSIRT's (its time zone, public holidays and closure days, its working days
 * and the days a SEC03 deadline may fall on), the sites' (their zones and their countries' public holidays), normal
 * local working hours (SEC01) and elapsed working days (the activity report). {@code Calendars} owns the
 * configuration ({@code csirt.timezone}, {@code csirt.holidays.*}). It depends on no feature: SEC03, SEC01 and the
 * reports use it.
 */
package org.csirtdesk.calendar;
