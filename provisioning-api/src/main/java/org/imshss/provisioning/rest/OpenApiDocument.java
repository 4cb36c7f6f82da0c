package org.imshss.provisioning.rest;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The OpenAPI 3 document of the API, generated once from the JAX-RS annotations of the resources that are
 * actually registered, so it describes exactly what is served.
 */
@Path("openapi.json")
@Hidden
final class OpenApiDocument {

    private final String json;

    OpenApiDocument(OpenAPI base, Set<Class<?>> resources) {
        OpenAPI document = new Reader(base).read(resources);
        this.json = Json.pretty(document);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.READ_LABEL)
    public String get() {
        return json;
    }
}
