package org.imshss.http;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3 document of the API, generated from the JAX-RS and OpenAPI annotations of the resources that are
 * actually registered, so it describes exactly what is served; {@link OpenApiResponses} adds the error answers
 * every operation can give. Generated once, at the first request: swagger's reflection over every resource costs
 * about as much as the rest of the REST server's start, and nothing before that request needs it. Served without a
 * token (it holds no data).
 */
@Path(OpenApiDocument.PATH)
@Hidden
public final class OpenApiDocument {

    static final String PATH = "openapi.json";

    private final OpenAPI base;
    private final Set<Class<?>> resources;
    private final Map<String, Schema<?>> schemas;
    private volatile String json;

    OpenApiDocument(OpenAPI base, Set<Class<?>> resources, Map<String, Schema<?>> schemas) {
        this.base = base;
        // In the order given: the document lists the paths in the order the reader meets them.
        this.resources = Collections.unmodifiableSet(new LinkedHashSet<>(resources));
        this.schemas = Map.copyOf(schemas);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        String generated = json;
        if (generated == null) {
            synchronized (this) {
                generated = json;
                if (generated == null) {
                    generated = generate();
                    json = generated;
                }
            }
        }
        return generated;
    }

    private String generate() {
        // An operation answering its return type answers 200, not "default" (which says no status).
        OpenAPI document = new Reader(new SwaggerConfiguration().openAPI(base).defaultResponseCode("200"))
                .read(resources);
        OpenApiResponses.complete(document, schemas);
        return Json.pretty(document);
    }
}
