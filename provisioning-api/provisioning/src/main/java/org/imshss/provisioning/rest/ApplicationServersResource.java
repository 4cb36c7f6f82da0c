package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/** Application servers allowed on Sh, with their per-Data-Reference permissions (TS 29.328 6.1). */
@Path("application-servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service data")
public final class ApplicationServersResource {

    private final ServiceDataProvisioning serviceData;

    ApplicationServersResource(ServiceDataProvisioning serviceData) {
        this.serviceData = serviceData;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listApplicationServers", summary = "List all")
    public List<SeedDocument.ShApplicationServer> list() {
        return serviceData.applicationServers().stream().map(WrittenForms::applicationServer).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getApplicationServer", summary = "Read one")
    public SeedDocument.ShApplicationServer get(@PathParam("id") String id) {
        return WrittenForms.applicationServer(serviceData.applicationServer(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "replaceApplicationServer",
            summary = "Create or replace; registered users it affects get the new profile (PPR)",
            responses = {
                @ApiResponse(responseCode = "200", description = "Replaced",
                        content = @Content(schema = @Schema(
                                implementation = SeedDocument.ShApplicationServer.class))),
                @ApiResponse(responseCode = "201", description = "Created",
                        content = @Content(schema = @Schema(
                                implementation = SeedDocument.ShApplicationServer.class)))})
    public Response put(@PathParam("id") String id, SeedDocument.ShApplicationServer body, @Context SecurityContext security) {
        boolean created = serviceData.putApplicationServer(id, SubscribersResource.required(body), SubscribersResource.actor(security));
        return Response.status(created ? 201 : 200)
                .entity(WrittenForms.applicationServer(serviceData.applicationServer(id))).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteApplicationServer", summary = "Delete; refused (409) while something refers to it",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "409", description = "Still referred to")})
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        serviceData.removeApplicationServer(id, SubscribersResource.actor(security));
        return Response.noContent().build();
    }
}
