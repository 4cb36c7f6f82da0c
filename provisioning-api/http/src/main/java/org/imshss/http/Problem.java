package org.imshss.http;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of every error answer, in the spirit of RFC 9457: the status, a short title, and for a 400 or
 * 409 each offending field with the reason.
 */
@Schema(name = OpenApiResponses.PROBLEM, description = "The body of every error answer")
public record Problem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The HTTP status", example = "400")
        int status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "invalid request") String title,
        @ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Each field at fault (by JSON path) with the reason; empty when none is"))
        List<ProvisioningException.FieldError> errors) {

    public Problem {
        errors = List.copyOf(errors);
    }
}
