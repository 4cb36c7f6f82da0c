package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.service.NetworkUpdates;
import org.imshss.provisioning.service.RegistrationAdministration;

/** Cx registration state by public identity, and administrative de-registration. */
@Path("registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
public final class RegistrationsResource {

    private final RegistrationAdministration registrations;

    RegistrationsResource(RegistrationAdministration registrations) {
        this.registrations = registrations;
    }

    @GET
    @Path("{identity}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getRegistration",
            summary = "Registration state of the implicit set of a public identity, and its S-CSCF")
    public RegistrationAdministration.Registration get(@PathParam("identity") String identity) {
        return registrations.registration(identity);
    }

    @DELETE
    @Path("{identity}")
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "deregisterPublicIdentity",
            summary = "De-register the implicit set of a public identity: RTR to its S-CSCF; "
            + "the answer says whether the S-CSCF answered")
    public NetworkUpdates.Outcome deregister(@PathParam("identity") String identity,
            @QueryParam("reason") @DefaultValue("PERMANENT_TERMINATION") String reason,
            @Context SecurityContext security) {
        NetworkUpdates.Reason parsed;
        try {
            parsed = NetworkUpdates.Reason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            throw ProvisioningException.invalid("reason", "must be one of "
                    + Arrays.toString(NetworkUpdates.Reason.values()));
        }
        return registrations.deregister(identity, parsed, SubscribersResource.actor(security));
    }
}
