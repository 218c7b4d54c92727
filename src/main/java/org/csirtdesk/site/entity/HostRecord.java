package org.csirtdesk.site.entity;

/** A service endpoint's host and the site it belongs to (GOCDB's {@code get_service_endpoint}). */
public record HostRecord(String hostname, String site, String serviceType) {

    public Host toHost() {
        return new Host(hostname, serviceType);
    }
}
