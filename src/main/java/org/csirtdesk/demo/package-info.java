/**
 * The demo of the zero-setup run ({@code payara/run} without {@code DB_URL}): a few tickets in every queue and
 * one user per role, loaded through the same control classes as real work, only into an empty database (an
 * empty users table for the users) and only when {@code csirt.mode=demo}. Production mode never loads anything.
 */
package org.csirtdesk.demo;
