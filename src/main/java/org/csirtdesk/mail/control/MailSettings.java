package org.csirtdesk.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The tag and address the letters use: replies, canned texts and the mail intake's notices. */
@ApplicationScoped
public class MailSettings {

    @Inject
    @ConfigProperty(name = "csirt.ticket.tag-prefix", defaultValue = "CSIRT")
    String tagPrefix;

    @Inject
    @ConfigProperty(name = "csirt.address")
    String csirtAddress;

    public String tagPrefix() {
        return tagPrefix;
    }

    public String csirtAddress() {
        return csirtAddress;
    }
}
