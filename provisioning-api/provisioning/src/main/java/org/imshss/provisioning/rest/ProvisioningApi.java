package org.imshss.provisioning.rest;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.imshss.http.QuorumFilter;
import org.imshss.http.RestServer;
import org.imshss.http.RestSettings;
import org.imshss.provisioning.seed.WrittenForms;
import org.imshss.provisioning.service.ApnProfileProvisioning;
import org.imshss.provisioning.service.BulkImport;
import org.imshss.provisioning.service.EpsAdministration;
import org.imshss.provisioning.service.RegistrationAdministration;
import org.imshss.provisioning.service.SecretRotation;
import org.imshss.provisioning.service.ServiceDataProvisioning;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ClusterAdministration;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.WritesRefused;

/**
 * The HSS's provisioning API: its resources over the services, served by a {@link RestServer} with the operators'
 * console beside it; a write the grid refuses is answered 503.
 */
public final class ProvisioningApi {

    private ProvisioningApi() {
    }

    /** The operations behind the API, wired by the process that serves it. */
    public record Services(ProvisioningStore store, ShDataStore shStore, SubscriberProvisioning subscribers,
            BulkImport imports, ServiceDataProvisioning serviceData, RegistrationAdministration registrations,
            AuditLog audit, Clock clock, ClusterAdministration cluster, SecretRotation secrets,
            ApnProfileProvisioning apnProfiles, EpsAdministration eps) {

        /** Without the EPS resources. */
        public Services(ProvisioningStore store, ShDataStore shStore, SubscriberProvisioning subscribers,
                BulkImport imports, ServiceDataProvisioning serviceData, RegistrationAdministration registrations,
                AuditLog audit, Clock clock, ClusterAdministration cluster, SecretRotation secrets) {
            this(store, shStore, subscribers, imports, serviceData, registrations, audit, clock, cluster, secrets,
                    null, null);
        }

        /** Without the secrets resource. */
        public Services(ProvisioningStore store, ShDataStore shStore, SubscriberProvisioning subscribers,
                BulkImport imports, ServiceDataProvisioning serviceData, RegistrationAdministration registrations,
                AuditLog audit, Clock clock, ClusterAdministration cluster) {
            this(store, shStore, subscribers, imports, serviceData, registrations, audit, clock, cluster, null);
        }
    }

    public static RestServer start(RestSettings settings, Services services, RestServer.Observability observability)
            throws IOException {
        return RestServer.start(settings, api(settings, services), observability);
    }

    static RestServer.Api api(RestSettings settings, Services services) {
        return new RestServer.Api(resources(settings, services), WritesRefused::isCause, schemas(),
                Map.of(ConsoleFiles.PATH, new ConsoleFiles()));
    }

    /** The schemas the resources name in their annotations: Data-References by their TS 29.329 names. */
    static Map<String, Schema<?>> schemas() {
        return Map.of("DataReference", new StringSchema()._enum(WrittenForms.dataReferences())
                .description("A Data-Reference by its TS 29.329 name (its number is accepted too)")
                .example("IMSUserState"));
    }

    static Set<Object> resources(RestSettings settings, Services s) {
        Set<Object> resources = new LinkedHashSet<>();
        resources.add(new SubscribersResource(s.subscribers(),
                new BulkTransfer(s.subscribers(), s.imports(), settings.maxImportLineBytes())));
        resources.add(new IdentitiesResource(s.store(), s.subscribers()));
        resources.add(new MsisdnsResource(s.store()));
        resources.add(new ServiceProfilesResource(s.serviceData()));
        resources.add(new IfcsResource(s.serviceData()));
        resources.add(new SharedIfcSetsResource(s.serviceData()));
        resources.add(new ChargingInformationResource(s.serviceData()));
        resources.add(new ScscfsResource(s.serviceData()));
        resources.add(new ApplicationServersResource(s.serviceData()));
        resources.add(new RegistrationsResource(s.registrations()));
        resources.add(new RepositoryDataResource(s.shStore(), s.audit(), s.clock()));
        resources.add(new DsaiResource(s.store(), s.shStore(), s.audit(), s.clock()));
        resources.add(new AuditResource(s.audit()));
        resources.add(new ClusterResource(s.cluster(), s.audit(), s.clock()));
        resources.add(new QuorumFilter(() -> s.cluster().writesAccepted()));
        if (s.secrets() != null) {
            resources.add(new SecretsResource(s.secrets()));
        }
        if (s.apnProfiles() != null) {
            resources.add(new ApnProfilesResource(s.apnProfiles()));
        }
        if (s.eps() != null) {
            resources.add(new ImsisResource(s.eps()));
            resources.add(new EpsRegistrationsResource(s.eps()));
        }
        return resources;
    }

    /** The document {@code GET /api/v1/openapi.json} answers, from the resource classes alone. */
    static String document(Set<Class<?>> classes) {
        return RestServer.openApi(URI.create("http://localhost" + RestSettings.BASE_PATH), classes, schemas()).get();
    }
}
