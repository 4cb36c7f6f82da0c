package org.imshss.http;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Why a provisioning request cannot be carried out; the REST edge answers with its {@link #status()}. */
public final class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The request is malformed or names unknown references: every bad field is listed. */
        INVALID,
        NOT_FOUND,
        /** The object exists already, or another object holds one of its identities, or it is still in use. */
        CONFLICT,
        /** The object changed since the version the client named (If-Match). */
        STALE
    }

    /** @param field a JSON path into the request ("privateIdentities[0].k"), or "$" for the whole body */
    public record FieldError(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "privateIdentities[0].k") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be 32 hex digits") String message) {
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public ProvisioningException(Kind kind, String message, List<FieldError> errors) {
        super(message);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static ProvisioningException invalid(List<FieldError> errors) {
        return new ProvisioningException(Kind.INVALID, "invalid request", errors);
    }

    public static ProvisioningException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProvisioningException notFound(String what) {
        return new ProvisioningException(Kind.NOT_FOUND, what + " not found", List.of());
    }

    public static ProvisioningException conflict(String field, String message) {
        return new ProvisioningException(Kind.CONFLICT, message, List.of(new FieldError(field, message)));
    }

    public static ProvisioningException stale() {
        return new ProvisioningException(Kind.STALE, "the object has changed since the version given in If-Match",
                List.of());
    }

    /** The HTTP status the REST edge answers with. */
    public int status() {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STALE -> 412;
        };
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
