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

/** Service profiles: the iFCs and shared iFC sets of the public identities that use them. */
@Path("service-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "service data")
public final class ServiceProfilesResource {

    private final ServiceDataProvisioning serviceData;

    ServiceProfilesResource(ServiceDataProvisioning serviceData) {
        this.serviceData = serviceData;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listServiceProfiles", summary = "List all")
    public List<SeedDocument.ServiceProfile> list() {
        return serviceData.serviceProfiles().stream().map(WrittenForms::serviceProfile).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getServiceProfile", summary = "Read one")
    public SeedDocument.ServiceProfile get(@PathParam("id") String id) {
        return WrittenForms.serviceProfile(serviceData.serviceProfile(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "replaceServiceProfile",
            summary = "Create or replace; registered users it affects get the new profile (PPR)",
            responses = {
                @ApiResponse(responseCode = "200", description = "Replaced",
                        content = @Content(schema = @Schema(implementation = SeedDocument.ServiceProfile.class))),
                @ApiResponse(responseCode = "201", description = "Created",
                        content = @Content(schema = @Schema(implementation = SeedDocument.ServiceProfile.class)))})
    public Response put(@PathParam("id") String id, SeedDocument.ServiceProfile body, @Context SecurityContext security) {
        boolean created = serviceData.putServiceProfile(id, SubscribersResource.required(body), SubscribersResource.actor(security));
        return Response.status(created ? 201 : 200)
                .entity(WrittenForms.serviceProfile(serviceData.serviceProfile(id))).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteServiceProfile", summary = "Delete; refused (409) while something refers to it",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "409", description = "Still referred to")})
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        serviceData.removeServiceProfile(id, SubscribersResource.actor(security));
        return Response.noContent().build();
    }
}
