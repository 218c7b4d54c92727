/**
 * What every feature stands on: the data source and its schema migrations, the one application clock,
 * the JAX-RS application with its problem+json error mapping and request limits, health and readiness.
 * It owns no business data.
 */
package org.csirtdesk.platform;
