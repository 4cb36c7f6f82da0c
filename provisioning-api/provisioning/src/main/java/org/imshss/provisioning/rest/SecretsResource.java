package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.imshss.http.Role;
import org.imshss.provisioning.service.SecretRotation;

/**
 * The key-encryption keys of the secrets at rest (ids only, never a key) and their rotation: re-sealing every
 * stored credential under the active key, after which an older key can leave the configuration.
 */
@Path("secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "secrets")
public final class SecretsResource {

    private final SecretRotation rotation;

    SecretsResource(SecretRotation rotation) {
        this.rotation = rotation;
    }

    @GET
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "getSecretsStatus",
            summary = "Ids of the key-encryption keys this node holds and the active one")
    public SecretRotation.Status status() {
        return rotation.status();
    }

    @POST
    @Path("rotate")
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "rotateSecrets",
            summary = "Re-seal every stored K, OPc, HA1 and password under the active key, in batches, each"
            + " record atomically; answers the counts")
    public SecretRotation.Result rotate(@Context SecurityContext security) {
        return rotation.rotate(SubscribersResource.actor(security));
    }
}
