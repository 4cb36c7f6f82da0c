package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.imshss.http.Role;
import org.imshss.provisioning.service.EpsAdministration;
import org.imshss.provisioning.service.NetworkUpdates;

/**
 * EPS registration (serving MME and SGSN, and the 3GPP AAA server of non-3GPP access) by IMSI, administrative detach
 * and AAA de-registration; the IMS side is registrations.
 */
@Path("eps-registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
public final class EpsRegistrationsResource {

    private final EpsAdministration eps;

    EpsRegistrationsResource(EpsAdministration eps) {
        this.eps = eps;
    }

    @GET
    @Path("{imsi}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getEpsRegistration",
            summary = "The MME and SGSN serving a USIM, as their last Update-Location told, the purge marks, and its "
            + "3GPP AAA server (non-3GPP access)")
    public EpsAdministration.Registration get(@Parameter(description = "6 to 15 digits", example = "001010000000001")
            @PathParam("imsi") String imsi) {
        return eps.registration(imsi);
    }

    @DELETE
    @Path("{imsi}")
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "detachImsi",
            summary = "Detach a USIM: CLR (subscription withdrawal) to the nodes serving it; "
            + "the answer says whether the MME answered")
    public NetworkUpdates.Outcome detach(@PathParam("imsi") String imsi, @Context SecurityContext security) {
        return eps.detach(imsi, SubscribersResource.actor(security));
    }

    @DELETE
    @Path("{imsi}/aaa-server")
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "deregisterAaaServer",
            summary = "De-register a USIM from its 3GPP AAA server (SWx RTR, permanent termination); NOT_SERVED "
            + "when none holds it; the answer says whether the AAA server answered")
    public NetworkUpdates.Outcome deregisterAaaServer(@Parameter(description = "6 to 15 digits",
            example = "001010000000001") @PathParam("imsi") String imsi, @Context SecurityContext security) {
        return eps.deregisterAaa(imsi, SubscribersResource.actor(security));
    }
}
