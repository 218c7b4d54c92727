package org.csirtdesk.platform.boundary;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csirtdesk.platform.entity.DomainException;
import org.csirtdesk.platform.entity.FieldError;

/** Turns every failure the API can meet into a problem+json answer that names the field and the reason. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {}

    @Provider
    public static class DomainExceptions implements ExceptionMapper<DomainException> {

        /** The request's headers; absent where another mapper hands its problem on. */
        @Context
        HttpHeaders request;

        @Override
        public Response toResponse(DomainException e) {
            Response problem = Problem.of(e).toResponse();
            if (e.kind() == DomainException.Kind.UNAUTHENTICATED) {
                return Response.fromResponse(problem)
                        .header(
                                HttpHeaders.WWW_AUTHENTICATE,
                                Actors.challenge(request == null ? null : request.getHeaderString(Actors.DESK_HEADER)))
                        .build();
            }
            if (e.retryAfter().isPresent()) {
                return Response.fromResponse(problem)
                        .header(
                                HttpHeaders.RETRY_AFTER,
                                Problem.retryAfterSeconds(e.retryAfter().get()))
                        .build();
            }
            return problem;
        }
    }

    @Provider
    public static class ConstraintViolations implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                errors.add(new FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
            }
            errors.sort((a, b) -> a.field().compareTo(b.field()));
            return new DomainExceptions().toResponse(DomainException.invalid(errors));
        }

        /** The path below the method parameter: {@code create.ticket.requestors[1].<list element>} becomes {@code requestors[1]}. */
        private static String fieldOf(Path path) {
            List<String> parts = new ArrayList<>();
            String parameter = null;
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                    parts.clear();
                } else if (parameter != null && node.getKind() == ElementKind.PROPERTY) {
                    parts.add(node.getName());
                } else if (parameter != null
                        && node.getKind() == ElementKind.CONTAINER_ELEMENT
                        && node.getIndex() != null
                        && !parts.isEmpty()) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
                }
            }
            if (!parts.isEmpty()) {
                return String.join(".", parts);
            }
            return parameter != null ? parameter : path.toString();
        }
    }

    /** A body that is not JSON, or JSON of the wrong shape (wrong type, unknown field). */
    @Provider
    public static class UnreadableJson implements ExceptionMapper<JsonbException> {
        private static final Pattern PROPERTY =
                Pattern.compile("(?:property|field|Property|Field)[: ]+'?([A-Za-z0-9_]+)'?");

        @Override
        public Response toResponse(JsonbException e) {
            return unreadable(e);
        }

        static Response unreadable(Throwable e) {
            DomainException refusal = domainCause(e);
            if (refusal != null) {
                return new DomainExceptions().toResponse(refusal);
            }
            String message = rootMessage(e);
            Matcher matcher = PROPERTY.matcher(message);
            List<FieldError> errors = matcher.find() ? List.of(new FieldError(matcher.group(1), message)) : List.of();
            return Problem.of(
                            400,
                            "unreadable-body",
                            "The request body is not valid JSON for this resource",
                            message,
                            errors)
                    .toResponse();
        }

        /** A refusal of ours (e.g. the body limit) that a reader wrapped on its way out. */
        private static DomainException domainCause(Throwable e) {
            for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
                if (cause instanceof DomainException domain) {
                    return domain;
                }
            }
            return null;
        }

        /** The messages of the cause chain, without the reader's generic wrapper text. */
        private static String rootMessage(Throwable e) {
            StringBuilder message = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                    message.append(message.length() > 0 ? ": " : "").append(cause.getMessage());
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            String text = message.toString().replace("Error deserializing object from entity stream.: ", "");
            return text.isEmpty() ? e.getClass().getSimpleName() : text;
        }
    }

    @Provider
    public static class UnparsableJson implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return UnreadableJson.unreadable(e);
        }
    }

    /** Jersey wraps a failing message body reader in this. */
    @Provider
    public static class BodyProcessing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return UnreadableJson.unreadable(e);
        }
    }

    @Provider
    public static class ConcurrentChanges implements ExceptionMapper<OptimisticLockException> {
        @Override
        public Response toResponse(OptimisticLockException e) {
            return Problem.of(
                            DomainException.Kind.STALE_VERSION,
                            "Someone else changed this resource at the same moment; read it again and retry",
                            List.of())
                    .toResponse();
        }
    }

    /** JAX-RS's own refusals (no such path, method not allowed, unsupported media type...) in the same shape. */
    @Provider
    public static class HttpErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            Response.StatusType type = original.getStatusInfo();
            if (e.getCause() != null) {
                Response unreadable = UnreadableJson.unreadable(e.getCause());
                if (unreadable.getStatus() != 400 || status == 400) {
                    return unreadable;
                }
            }
            String detail = e.getMessage() != null ? e.getMessage() : type.getReasonPhrase();
            Response.ResponseBuilder answer = Response.fromResponse(
                    Problem.of(status, slug(type.getReasonPhrase()), type.getReasonPhrase(), detail, List.of())
                            .toResponse());
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(value -> answer.header(name, value));
                }
            });
            return answer.build();
        }

        private static String slug(String phrase) {
            return phrase == null ? "error" : phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        }
    }

    /** Anything unexpected: logged with a reference the caller can quote, never a stack trace in the answer. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            Optional<Response> unavailable = DatabaseUnavailable.response(e);
            if (unavailable.isPresent()) {
                return unavailable.get();
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof DomainException domain) {
                    return new DomainExceptions().toResponse(domain);
                }
                if (cause instanceof OptimisticLockException lock) {
                    return new ConcurrentChanges().toResponse(lock);
                }
                if (cause instanceof ConstraintViolationException violation) {
                    return new ConstraintViolations().toResponse(violation);
                }
                if (cause == cause.getCause()) {
                    break;
                }
            }
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure " + reference, e);
            return Problem.of(
                            500,
                            "internal-error",
                            "Internal error",
                            "The server failed unexpectedly; quote reference " + reference + " when reporting it",
                            List.of())
                    .toResponse();
        }
    }
}
