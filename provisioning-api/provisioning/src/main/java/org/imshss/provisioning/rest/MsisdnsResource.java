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
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.store.SubscriberStore;

/** The public identity provisioned with an MSISDN: one key lookup, as Sh does it, so the console finds it fast. */
@Path("msisdns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identities")
public final class MsisdnsResource {

    private final SubscriberStore store;

    MsisdnsResource(SubscriberStore store) {
        this.store = store;
    }

    @GET
    @Path("{msisdn}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getPublicIdentityByMsisdn",
            summary = "Read the public identity provisioned with this MSISDN (its msisdn field)")
    public PublicIdentity get(@Parameter(description = "E.164 digits, '+' optional", example = "15550104")
            @PathParam("msisdn") String msisdn) {
        return store.publicIdentityByMsisdn(msisdn)
                .orElseThrow(() -> ProvisioningException.notFound("MSISDN " + msisdn));
    }
}
