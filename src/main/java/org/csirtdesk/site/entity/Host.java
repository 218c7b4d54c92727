package org.csirtdesk.site.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** A host name that GOCDB lists for a site, with the type of service it runs there. */
@Embeddable
public class Host {

    @Column(nullable = false, length = 255)
    private String hostname;

    @Column(name = "service_type", nullable = false, length = 100)
    private String serviceType;

    protected Host() {}

    public Host(String hostname, String serviceType) {
        this.hostname = hostname;
        this.serviceType = serviceType;
    }

    public String hostname() {
        return hostname;
    }

    public String serviceType() {
        return serviceType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Host host && hostname.equals(host.hostname) && serviceType.equals(host.serviceType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostname, serviceType);
    }
}
