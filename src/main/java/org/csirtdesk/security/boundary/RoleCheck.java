package org.csirtdesk.security.boundary;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.logging.Logger;
import org.csirtdesk.platform.boundary.Actors;
import org.csirtdesk.platform.boundary.Problem;
import org.csirtdesk.platform.entity.DomainException;

/**
 * The role check of every resource method, from its {@link RolesAllowed} (or its class's): a request filter at
 * {@link Priorities#AUTHORIZATION}, so it runs after the caller is known and before the body is read or
 * validated. Anonymous callers hear 401 with a challenge (Basic, or the sign-in form for the desk's pages), users without one of the roles 403 naming
 * them, whatever they sent. {@link PermitAll} leaves a method open (it has credentials of its own, or none are
 * needed); a method that says neither is refused to everyone and named in the log at deployment, so a
 * forgotten annotation fails closed.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(RoleCheck.class.getName());

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        AnnotatedElement declaring = declares(method) ? method : resource.getResourceClass();
        if (declaring.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        if (declaring.isAnnotationPresent(RolesAllowed.class)) {
            context.register(
                    new Required(
                            List.of(declaring.getAnnotation(RolesAllowed.class).value())),
                    Priorities.AUTHORIZATION);
            return;
        }
        if (!declaring.isAnnotationPresent(DenyAll.class)) {
            LOG.severe(() -> resource.getResourceClass().getName() + "." + method.getName() + " declares no roles "
                    + "(@RolesAllowed or @PermitAll); it refuses every request");
        }
        context.register(new Required(List.of()), Priorities.AUTHORIZATION);
    }

    private static boolean declares(Method method) {
        return method.isAnnotationPresent(PermitAll.class)
                || method.isAnnotationPresent(RolesAllowed.class)
                || method.isAnnotationPresent(DenyAll.class);
    }

    /** Lets through a user holding any one of the roles; with none given, nobody. */
    private record Required(List<String> anyOf) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                refuse(
                        request,
                        new DomainException(
                                DomainException.Kind.UNAUTHENTICATED,
                                "sign in: this needs " + needs()
                                        + ", sent as Authorization: Basic (curl -u name) or signed in to the desk (/login.html)"));
                return;
            }
            if (anyOf.stream().noneMatch(security::isUserInRole)) {
                refuse(
                        request,
                        new DomainException(
                                DomainException.Kind.NOT_PERMITTED,
                                security.getUserPrincipal().getName() + " may not do this: it needs " + needs()));
            }
        }

        private String needs() {
            return switch (anyOf.size()) {
                case 0 -> "a role this endpoint does not declare (a fault of the application)";
                case 1 -> "a user with the role " + anyOf.get(0);
                default -> "a user with one of the roles " + String.join(", ", anyOf);
            };
        }

        /** 401 challenges as the mechanism does: the sign-in form for the desk's pages, Basic for the others. */
        private static void refuse(ContainerRequestContext request, DomainException refusal) {
            Response problem = Problem.of(refusal).toResponse();
            request.abortWith(
                    refusal.kind() != DomainException.Kind.UNAUTHENTICATED
                            ? problem
                            : Response.fromResponse(problem)
                                    .header(
                                            HttpHeaders.WWW_AUTHENTICATE,
                                            Actors.challenge(request.getHeaderString(Actors.DESK_HEADER)))
                                    .build());
        }
    }
}
