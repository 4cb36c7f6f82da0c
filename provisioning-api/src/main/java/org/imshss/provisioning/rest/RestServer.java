package org.imshss.provisioning.rest;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.imshss.provisioning.service.AuditLog;
import org.imshss.provisioning.service.RegistrationAdministration;
import org.imshss.provisioning.service.ServiceDataProvisioning;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning API: Jersey on Grizzly under {@value RestSettings#BASE_PATH}, JSON with Jackson, bearer
 * tokens with roles, and an OpenAPI 3 document generated from the resources themselves at
 * {@code openapi.json}, so it cannot drift from them.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestServer.class);

    private final HttpServer server;
    private final URI base;

    /** The operations behind the API, wired by the process that serves it. */
    public record Services(SubscriberStore store, ShDataStore shStore, SubscriberProvisioning subscribers,
            ServiceDataProvisioning serviceData, RegistrationAdministration registrations, AuditLog audit,
            Clock clock) {
    }

    private RestServer(HttpServer server, URI base) {
        this.server = server;
        this.base = base;
    }

    public static RestServer start(RestSettings settings, Services services) throws IOException {
        return start(settings, resources(settings, services));
    }

    /** Starts a server for any set of resource instances (the SLF serves its own). */
    public static RestServer start(RestSettings settings, Set<Object> resources) throws IOException {
        URI uri = URI.create("http://" + settings.bindAddress() + ":" + settings.port() + RestSettings.BASE_PATH);
        ResourceConfig config = new ResourceConfig()
                .register(JacksonFeature.withoutExceptionMappers())
                .register(new JsonConfiguration())
                .register(new TokenAuthentication(settings.tokens()))
                .register(RolesAllowedDynamicFeature.class)
                .register(new BodyLimit(settings.maxRequestBytes()))
                .register(new ProblemMappers.Provisioning())
                .register(new ProblemMappers.Mapping())
                .register(new ProblemMappers.Parse())
                .register(new ProblemMappers.Web())
                .register(new ProblemMappers.Unexpected())
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Object resource : resources) {
            config.register(resource);
            classes.add(resource.getClass());
        }
        config.register(openApi(uri, classes));
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, config, false);
        server.start();
        NetworkListener listener = server.getListeners().iterator().next();
        URI actual = URI.create("http://" + settings.bindAddress() + ":" + listener.getPort() + RestSettings.BASE_PATH);
        log.info("provisioning API listening on {}", actual);
        return new RestServer(server, actual);
    }

    private static Set<Object> resources(RestSettings settings, Services s) {
        Set<Object> resources = new LinkedHashSet<>();
        resources.add(new SubscribersResource(s.subscribers(),
                new BulkTransfer(s.subscribers(), settings.maxImportLineBytes())));
        resources.add(new IdentitiesResource(s.store(), s.subscribers()));
        resources.add(new ServiceProfilesResource(s.serviceData()));
        resources.add(new IfcsResource(s.serviceData()));
        resources.add(new SharedIfcSetsResource(s.serviceData()));
        resources.add(new ChargingInformationResource(s.serviceData()));
        resources.add(new ScscfsResource(s.serviceData()));
        resources.add(new ApplicationServersResource(s.serviceData()));
        resources.add(new RegistrationsResource(s.registrations()));
        resources.add(new RepositoryDataResource(s.shStore(), s.audit(), s.clock()));
        resources.add(new AuditResource(s.audit()));
        return resources;
    }

    private static OpenApiDocument openApi(URI base, Set<Class<?>> classes) {
        OpenAPI model = new OpenAPI()
                .info(new Info().title("IMS HSS provisioning API").version("1")
                        .license(new License().name("AGPL-3.0-or-later")))
                .servers(List.of(new Server().url(base.getPath())))
                .schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .security(List.of(new SecurityRequirement().addList("bearer")));
        return new OpenApiDocument(model, classes);
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
