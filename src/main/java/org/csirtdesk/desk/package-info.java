/**
 * The web desk: the pages in {@code webapp/desk} (static files and ES modules on the API) and what the server
 * adds to serve them safely. See {@code docs/desk.md}.
 */
package org.csirtdesk.desk;
