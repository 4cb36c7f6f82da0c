package org.imshss.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.function.Predicate;
import org.imshss.http.ProvisioningException.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure becomes a {@link Problem}; a stack trace never leaves the server. */
final class ProblemMappers {

    private static final Logger log = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    static Response problem(int status, String title, List<FieldError> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(status, title, errors)).build();
    }

    static final class Provisioning implements ExceptionMapper<ProvisioningException> {
        @Override
        public Response toResponse(ProvisioningException e) {
            return problem(e.status(), e.getMessage(), e.errors());
        }
    }

    /** A body that does not fit the schema: the JSON path of the field and why. */
    static final class Mapping implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException e) {
            String reason = e instanceof UnrecognizedPropertyException ? "unknown field"
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid value");
            return problem(400, "invalid request", List.of(new FieldError(JsonPaths.of(e.getPath()), reason)));
        }
    }

    static final class Parse implements ExceptionMapper<JsonParseException> {
        @Override
        public Response toResponse(JsonParseException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr();
            return problem(400, "malformed JSON", List.of(new FieldError("$", e.getOriginalMessage() + where)));
        }
    }

    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            Response.ResponseBuilder answer = Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Problem(status, title(status, e), List.of()));
            return answer.build();
        }

        private static String title(int status, WebApplicationException e) {
            return switch (status) {
                case 401 -> "a valid bearer token is required";
                case 403 -> "the token's role does not allow this";
                case 404 -> "no such resource";
                case 405 -> "method not allowed";
                case 406 -> "not acceptable";
                case 413 -> "request too large";
                case 415 -> "unsupported media type";
                case 429 -> "too many requests for this token; retry after the time in Retry-After";
                default -> e.getMessage() == null ? "request failed" : e.getMessage();
            };
        }
    }

    /** Anything else: a 500, or a 503 for a write the grid refused ({@code writesRefused}, given by the process). */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        private final Predicate<Throwable> writesRefused;

        Unexpected(Predicate<Throwable> writesRefused) {
            this.writesRefused = writesRefused;
        }

        @Override
        public Response toResponse(Throwable e) {
            if (writesRefused.test(e)) {
                // This node's part of a divided cluster may not write; a node of the other part may (RFC 9110 15.6.4).
                return Response.fromResponse(problem(503, "this node's part of the cluster accepts no writes now;"
                        + " send the change to a node of the part that does", List.of()))
                        .header("Retry-After", "5").build();
            }
            log.error("REST request failed: {}", e.toString());
            log.debug("REST request failure", e);
            return problem(500, "internal error", List.of());
        }
    }
}
