/**
 * Sites, NGIs, their contacts and hosts, and certification status: the site registry (GOCDB) behind a
 * port in domain terms ({@code control.SiteRegistry}, real GOCDB or the embedded registry of the
 * zero-setup run), a local copy in MariaDB that the procedures read without touching the network, and
 * requests to change a site's certification status, counted done only when the registry shows the change.
 */
package org.csirtdesk.site;
