package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ClusterAdministration;
import org.imshss.provisioning.store.ClusterStatus;

/**
 * The grid cluster: its nodes and state, and the baseline (the nodes that hold data when they persist it). A node
 * joins the baseline only by this explicit action, unless {@code grid.baseline-auto-adjust-ms} is set.
 */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
public final class ClusterResource {

    private final ClusterAdministration cluster;
    private final AuditLog audit;
    private final Clock clock;

    ClusterResource(ClusterAdministration cluster, AuditLog audit, Clock clock) {
        this.cluster = cluster;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getClusterStatus",
            summary = "State, server nodes and baseline of the cluster, as the answering node sees it")
    public ClusterStatus status() {
        return cluster.status();
    }

    @POST
    @Path("baseline")
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "setBaseline",
            summary = "Make the server nodes now online the baseline: new nodes start holding data, nodes gone"
            + " for good are dropped; the data is then moved to match",
            responses = {
                @ApiResponse(responseCode = "200", description = "The new baseline",
                        content = @Content(schema = @Schema(implementation = ClusterStatus.class))),
                @ApiResponse(responseCode = "409",
                        description = "The cluster is not active, or no server node is online")})
    public ClusterStatus setBaseline(@Context SecurityContext security) {
        ClusterStatus status;
        try {
            status = cluster.setBaselineToServerNodes();
        } catch (IllegalStateException e) {
            throw ProvisioningException.conflict("baseline", e.getMessage());
        }
        audit.record(new AuditEntry(0, clock.instant().toString(), SubscribersResource.actor(security), "UPDATE",
                "cluster", "baseline", List.of("baseline")));
        return status;
    }
}
