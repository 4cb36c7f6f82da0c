package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.ShDataStore;

/** Sh transparent data (TS 29.328 RepositoryData) as application servers stored it: read and delete. */
@Path("repository-data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sh")
public final class RepositoryDataResource {

    private final ShDataStore shStore;
    private final AuditLog audit;
    private final Clock clock;

    RepositoryDataResource(ShDataStore shStore, AuditLog audit, Clock clock) {
        this.shStore = shStore;
        this.audit = audit;
        this.clock = clock;
    }

    private static String key(String identity) {
        return Identities.isWildcard(identity) ? identity.trim() : Identities.normalise(identity);
    }

    @GET
    @Path("{identity}/{serviceIndication}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getRepositoryData",
            summary = "The repository data of one identity and Service-Indication")
    public RepositoryData get(@PathParam("identity") String identity,
            @PathParam("serviceIndication") String serviceIndication) {
        return shStore.repositoryData(key(identity), serviceIndication)
                .orElseThrow(() -> ProvisioningException.notFound("repository data " + serviceIndication
                        + " of " + identity));
    }

    @DELETE
    @Path("{identity}/{serviceIndication}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteRepositoryData",
            summary = "Delete the repository data of one identity and Service-Indication; "
            + "subscribed application servers are notified",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted")})
    public Response delete(@PathParam("identity") String identity,
            @PathParam("serviceIndication") String serviceIndication, @Context SecurityContext security) {
        boolean removed = shStore.updateRepositoryData(key(identity), new Remove(serviceIndication));
        if (!removed) {
            throw ProvisioningException.notFound("repository data " + serviceIndication + " of " + identity);
        }
        audit.record(new AuditEntry(0, clock.instant().toString(), SubscribersResource.actor(security), "DELETE",
                "repository-data", key(identity) + " " + serviceIndication, List.of("*")));
        return Response.noContent().build();
    }

    /** Runs where the entry lives; tells whether there was anything to remove. */
    private record Remove(String serviceIndication) implements RecordUpdate<RepositoryDataSet, Boolean> {

        @Override
        public Outcome<RepositoryDataSet, Boolean> apply(RepositoryDataSet current) {
            if (current == null || current.get(serviceIndication).isEmpty()) {
                return Outcome.keep(false);
            }
            RepositoryDataSet next = current.without(serviceIndication);
            return next.isEmpty() ? Outcome.remove(true) : Outcome.put(next, true);
        }
    }
}
