package org.imshss.http;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The error answers of every operation, each with the one shared {@link Problem} schema: what the filters and
 * exception mappers in front of every resource give (401 without a known token, 403 for a role that may not,
 * 429 over the token's rate, 400 for a bad parameter or body, 404 for an unknown path parameter, 413 for a body
 * over the limit), beside those an operation declares itself (409, 412), which get the same schema.
 */
final class OpenApiResponses {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    private OpenApiResponses() {
    }

    /** @param schemas components the resources refer to by name, beside {@value #PROBLEM} */
    static void complete(OpenAPI document, Map<String, Schema<?>> schemas) {
        if (document.getComponents() == null) {
            document.components(new Components());
        }
        Map<String, Schema> problem = ModelConverters.getInstance().readAll(Problem.class);
        problem.forEach(document.getComponents()::addSchemas);
        schemas.forEach(document.getComponents()::addSchemas);
        if (document.getPaths() == null) {
            return;
        }
        for (PathItem item : document.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                complete(operation);
            }
        }
    }

    private static void complete(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        if (body || !parameters.isEmpty()) {
            error(responses, "400", "Invalid request: each field at fault is named with the reason");
        }
        error(responses, "401", "No bearer token, or an unknown one");
        error(responses, "403", "The token's role may not do this");
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            error(responses, "404", "Not found");
        }
        if (body) {
            error(responses, "413", "The body is over the limit (rest.max-request-bytes)");
        }
        error(responses, "429", "Over the token's rate (rest.requests-per-second); retry after a second");
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.content(problem());
            }
            sorted.addApiResponse(code, response);
        });
        operation.responses(sorted);
    }

    private static void error(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }

    private static Content problem() {
        return new Content().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }
}
