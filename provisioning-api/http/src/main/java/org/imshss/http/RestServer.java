package org.imshss.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's REST API: Jersey on Grizzly under {@value RestSettings#BASE_PATH}, JSON with Jackson, bearer
 * tokens with roles, and an OpenAPI 3 document generated from the resources themselves at
 * {@code openapi.json}, so it cannot drift from them, with Swagger UI over it at {@value SwaggerUi#PATH}. The
 * resources are the process's own (the HSS's provisioning API, the SLF's mappings); this is what they share.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestServer.class);

    private final HttpServer server;
    private final URI base;
    private final Set<Class<?>> resourceClasses;

    /**
     * What the process tells its supervisor, served without a token outside the API's path: {@code /metrics}
     * (Prometheus text), {@code /health} (the process answers) and {@code /ready} (it serves: 200, else 503).
     */
    public record Observability(Supplier<String> metrics, BooleanSupplier ready) {

        public static final Observability NONE = new Observability(() -> "", () -> true);
    }

    /**
     * What a process serves: its resources (and filters) under {@value RestSettings#BASE_PATH}; which failures are
     * writes its grid refused (answered 503, "try another node"); the schemas its resources name in their OpenAPI
     * annotations beside {@code Problem}; and static pages outside the API, by context path.
     */
    public record Api(Set<Object> resources, Predicate<Throwable> writesRefused, Map<String, Schema<?>> schemas,
            Map<String, HttpHandler> pages) {

        public Api {
            resources = Set.copyOf(new LinkedHashSet<>(resources));
            schemas = Map.copyOf(schemas);
            pages = Map.copyOf(pages);
        }

        /** Resources alone: no failure is taken for a refused write, no extra schema, no page. */
        public static Api of(Set<Object> resources) {
            return new Api(resources, failure -> false, Map.of(), Map.of());
        }
    }

    private RestServer(HttpServer server, URI base, Set<Class<?>> resourceClasses) {
        this.server = server;
        this.base = base;
        this.resourceClasses = Set.copyOf(resourceClasses);
    }

    /** Starts a server for a set of resource instances. */
    public static RestServer start(RestSettings settings, Set<Object> resources) throws IOException {
        return start(settings, Api.of(resources), Observability.NONE);
    }

    /** Starts a server for a set of resource instances, with the observability endpoints. */
    public static RestServer start(RestSettings settings, Set<Object> resources, Observability observability)
            throws IOException {
        return start(settings, Api.of(resources), observability);
    }

    /** Starts a server for an API, with the observability endpoints. */
    public static RestServer start(RestSettings settings, Api api, Observability observability) throws IOException {
        URI uri = URI.create(settings.scheme() + "://" + settings.bindAddress() + ":" + settings.port()
                + RestSettings.BASE_PATH);
        ResourceConfig config = new ResourceConfig()
                .register(JacksonFeature.withoutExceptionMappers())
                .register(new JsonConfiguration())
                .register(new TokenAuthentication(settings.tokens(), settings.requestsPerSecond()))
                .register(RolesAllowedDynamicFeature.class)
                .register(new BodyLimit(settings.maxRequestBytes()))
                .register(new ProblemMappers.Provisioning())
                .register(new ProblemMappers.Mapping())
                .register(new ProblemMappers.Parse())
                .register(new ProblemMappers.Web())
                .register(new ProblemMappers.Unexpected(api.writesRefused()))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Object resource : api.resources()) {
            config.register(resource);
            if (!(resource instanceof QuorumFilter)) {
                classes.add(resource.getClass());
            }
        }
        config.register(openApi(uri, classes, api.schemas()));
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener("rest", settings.bindAddress(), settings.port());
        listener.registerAddOn(UndecodableUriFilter.ADD_ON);
        if (settings.tls() != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(engineConfig(settings.tls()));
        }
        server.addListener(listener);
        GrizzlyHttpContainer jersey = ContainerFactory.createContainer(GrizzlyHttpContainer.class, config);
        server.getServerConfiguration().addHttpHandler(new RawUriHandler(jersey),
                HttpHandlerRegistration.builder().contextPath(RestSettings.BASE_PATH).urlPattern("").build());
        SwaggerUi docs = new SwaggerUi(RestSettings.BASE_PATH + "/" + OpenApiDocument.PATH);
        server.getServerConfiguration().addHttpHandler(docs,
                HttpHandlerRegistration.builder().contextPath(SwaggerUi.PATH).urlPattern("").build(),
                HttpHandlerRegistration.builder().contextPath(SwaggerUi.PATH).urlPattern("/*").build());
        api.pages().forEach((path, page) -> server.getServerConfiguration().addHttpHandler(page,
                HttpHandlerRegistration.builder().contextPath(path).urlPattern("").build(),
                HttpHandlerRegistration.builder().contextPath(path).urlPattern("/*").build()));
        server.getServerConfiguration().addHttpHandler(new TextHandler("text/plain; version=0.0.4; charset=utf-8",
                () -> 200, observability.metrics()), "/metrics");
        server.getServerConfiguration().addHttpHandler(new TextHandler("application/json", () -> 200,
                () -> "{\"status\":\"UP\"}"), "/health");
        server.getServerConfiguration().addHttpHandler(new TextHandler("application/json",
                () -> observability.ready().getAsBoolean() ? 200 : 503,
                () -> observability.ready().getAsBoolean() ? "{\"ready\":true}" : "{\"ready\":false}"), "/ready");
        // Whatever fails below Jersey's exception mappers, the answer never carries a stack trace.
        server.getServerConfiguration().setDefaultErrorPageGenerator((request, status, reason, description, e) -> {
            request.getResponse().setContentType("application/json");
            return "{\"status\":" + status + ",\"title\":\"" + (status >= 500 ? "internal error" : "request failed")
                    + "\",\"errors\":[]}";
        });
        server.start();
        URI actual = URI.create(settings.scheme() + "://" + settings.bindAddress() + ":" + listener.getPort()
                + RestSettings.BASE_PATH);
        log.info("provisioning API listening on {}{}", actual, settings.tls() == null ? ""
                : " (TLS " + String.join("/", RestTls.PROTOCOLS) + ", client certificates "
                        + settings.tls().clientAuth().name().toLowerCase(java.util.Locale.ROOT) + ")");
        return new RestServer(server, actual, classes);
    }

    /**
     * Grizzly's engine configuration from the TLS settings. Its setSSLParameters does not take the given
     * parameters (Grizzly 4.0.2), so each one is set on its own; client-auth last, since setting "want" to false
     * also clears "need" (SSLParameters).
     */
    private static SSLEngineConfigurator engineConfig(RestTls tls) {
        SSLContext context = tls.context();
        SSLParameters parameters = tls.parameters(context);
        SSLEngineConfigurator config = new SSLEngineConfigurator(context, false, false, false)
                .setEnabledProtocols(parameters.getProtocols())
                .setEnabledCipherSuites(parameters.getCipherSuites());
        config.setWantClientAuth(parameters.getWantClientAuth());
        config.setNeedClientAuth(parameters.getNeedClientAuth());
        return config;
    }

    /** The OpenAPI document of these resource classes, as served under {@code base}. */
    public static OpenApiDocument openApi(URI base, Set<Class<?>> classes, Map<String, Schema<?>> schemas) {
        OpenAPI model = new OpenAPI()
                .info(new Info().title("IMS HSS provisioning API").version("1")
                        .license(new License().name("AGPL-3.0-or-later")))
                .servers(List.of(new Server().url(base.getPath())))
                .schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A token of rest.tokens; its role (read, provision, admin) says what it may do"))
                .security(List.of(new SecurityRequirement().addList("bearer")));
        return new OpenApiDocument(model, classes, schemas);
    }

    /**
     * Hands requests to Jersey without Grizzly's own decoding of the request URI, which answers 500 to an
     * encoded slash or NUL in a path; Jersey decodes path parameters itself and such a request ends in a
     * 404 or 400 like any other unknown identity.
     */
    private static final class RawUriHandler extends HttpHandler {
        private final GrizzlyHttpContainer jersey;

        RawUriHandler(GrizzlyHttpContainer jersey) {
            this.jersey = jersey;
            setDecodeUrl(false);
        }

        @Override
        public void start() {
            jersey.start();
        }

        @Override
        public void destroy() {
            jersey.destroy();
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            jersey.service(request, response);
        }
    }

    /** A GET-only text resource outside Jersey: cheap enough for a scraper or a supervisor polling often. */
    private static final class TextHandler extends HttpHandler {
        private final String contentType;
        private final IntSupplier status;
        private final Supplier<String> body;

        TextHandler(String contentType, IntSupplier status, Supplier<String> body) {
            this.contentType = contentType;
            this.status = status;
            this.body = body;
        }

        @Override
        public void service(Request request, Response response) throws IOException {
            if (!"GET".equals(request.getMethod().getMethodString())) {
                response.setStatus(405);
                response.setHeader("Allow", "GET");
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            response.setStatus(status.getAsInt());
            response.setContentType(contentType);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    /** The resource classes served (the OpenAPI document is generated from them). */
    public Set<Class<?>> resourceClasses() {
        return resourceClasses;
    }

    /** The base URI the API answers on, with the port actually bound. */
    public URI baseUri() {
        return base;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
