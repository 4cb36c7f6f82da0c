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
import org.imshss.provisioning.service.ApnProfileProvisioning;

/** APN profiles: the APN configurations (TS 29.272 7.3.35) the EPS subscriptions of USIMs refer to. */
@Path("apn-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "EPS")
public final class ApnProfilesResource {

    private final ApnProfileProvisioning profiles;

    ApnProfilesResource(ApnProfileProvisioning profiles) {
        this.profiles = profiles;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listApnProfiles", summary = "List all")
    public List<SeedDocument.ApnProfile> list() {
        return profiles.apnProfiles().stream().map(WrittenForms::apnProfile).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getApnProfile", summary = "Read one")
    public SeedDocument.ApnProfile get(@PathParam("id") String id) {
        return WrittenForms.apnProfile(profiles.apnProfile(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "putApnProfile",
            summary = "Create or replace; the MMEs serving USIMs that use it get their new subscription (IDR)",
            responses = {
                @ApiResponse(responseCode = "200", description = "Replaced",
                        content = @Content(schema = @Schema(implementation = SeedDocument.ApnProfile.class))),
                @ApiResponse(responseCode = "201", description = "Created",
                        content = @Content(schema = @Schema(implementation = SeedDocument.ApnProfile.class)))})
    public Response put(@PathParam("id") String id, SeedDocument.ApnProfile body, @Context SecurityContext security) {
        boolean created = profiles.putApnProfile(id, SubscribersResource.required(body),
                SubscribersResource.actor(security));
        return Response.status(created ? 201 : 200).entity(WrittenForms.apnProfile(profiles.apnProfile(id))).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteApnProfile", summary = "Delete; refused (409) while a USIM refers to it",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "409", description = "Still referred to")})
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        profiles.removeApnProfile(id, SubscribersResource.actor(security));
        return Response.noContent().build();
    }
}
