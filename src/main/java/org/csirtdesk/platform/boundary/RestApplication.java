package org.csirtdesk.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "CSIRT Desk API",
                        version = "1",
                        description =
                                "RT-IR style tickets (Incident Reports, Incidents, Investigations, Countermeasures) "
                                        + "for running EGI CSIRT's procedures. Every error is application/problem+json naming the field "
                                        + "and the reason."))
public class RestApplication extends Application {}
