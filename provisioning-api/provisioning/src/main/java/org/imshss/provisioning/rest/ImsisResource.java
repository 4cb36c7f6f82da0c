package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.imshss.http.Role;
import org.imshss.provisioning.service.EpsAdministration;

/** The subscriber a USIM belongs to: one key lookup, as S6a does it, so the console finds it fast. */
@Path("imsis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "EPS")
public final class ImsisResource {

    private final EpsAdministration eps;

    ImsisResource(EpsAdministration eps) {
        this.eps = eps;
    }

    @GET
    @Path("{imsi}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getSubscriberByImsi", summary = "Read which subscriber holds the USIM with this IMSI")
    public EpsAdministration.Imsi get(@Parameter(description = "6 to 15 digits", example = "001010000000001")
            @PathParam("imsi") String imsi) {
        return eps.imsi(imsi);
    }
}
