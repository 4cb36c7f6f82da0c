package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.imshss.http.Role;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.WrittenForms;
import org.imshss.provisioning.service.ServiceDataProvisioning;

/** The S-CSCFs the HSS offers to I-CSCFs, with their capabilities (TS 29.228 6.7), keyed by SIP URI. */
@Path("scscfs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service data")
public final class ScscfsResource {

    private final ServiceDataProvisioning serviceData;

    ScscfsResource(ServiceDataProvisioning serviceData) {
        this.serviceData = serviceData;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listScscfs", summary = "List the S-CSCFs")
    public List<SeedDocument.Scscf> list() {
        return serviceData.scscfs().stream().map(WrittenForms::scscf).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "replaceScscf", summary = "Create or replace an S-CSCF (by name)",
            responses = {
                @ApiResponse(responseCode = "200", description = "Replaced"),
                @ApiResponse(responseCode = "201", description = "Created")})
    public Response put(SeedDocument.Scscf body, @Context SecurityContext security) {
        boolean created = serviceData.putScscf(SubscribersResource.required(body), SubscribersResource.actor(security));
        return Response.status(created ? 201 : 200).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteScscf", summary = "Delete an S-CSCF",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted")})
    public Response delete(@PathParam("name") String name, @Context SecurityContext security) {
        serviceData.removeScscf(name, SubscribersResource.actor(security));
        return Response.noContent().build();
    }
}
