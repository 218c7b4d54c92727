package org.csirtdesk.site.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.csirtdesk.site.control.SiteDirectory;
import org.csirtdesk.site.entity.Contact;
import org.csirtdesk.site.entity.Ngi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** NGIs and their security contacts, from the local copy. */
@RequestScoped
@Path("ngis")
@Tag(name = "Sites")
@Produces(MediaType.APPLICATION_JSON)
public class NgisResource {

    public record NgiView(
            String name,
            String email,
            String securityEmail,
            List<String> securityOfficers,
            Instant confirmedAt,
            Instant officersConfirmedAt,
            Instant absentSince) {
        static NgiView of(Ngi ngi) {
            return new NgiView(
                    ngi.name(),
                    ngi.email(),
                    ngi.securityEmail().orElse(null),
                    ngi.securityOfficers().stream().map(Contact::email).sorted().toList(),
                    ngi.confirmedAt(),
                    ngi.officersConfirmedAt(),
                    ngi.absentSince().orElse(null));
        }
    }

    @Inject
    SiteDirectory directory;

    @GET
    @RolesAllowed({"csirt", "coordinator", "omb", "rod"})
    @Operation(summary = "List NGIs with their security address and NGI Security Officers")
    public List<NgiView> list() {
        return directory.ngis().stream().map(NgiView::of).toList();
    }
}
