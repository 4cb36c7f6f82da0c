package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.ProvisioningStore;

/**
 * Single identities, read-only (they are written as part of their subscriber), and the write-only
 * credentials of a private identity.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identities")
public final class IdentitiesResource {

    private final ProvisioningStore store;
    private final SubscriberProvisioning subscribers;

    IdentitiesResource(ProvisioningStore store, SubscriberProvisioning subscribers) {
        this.store = store;
        this.subscribers = subscribers;
    }

    /**
     * A private identity without its secrets: which kinds of credentials it has, not what they are.
     *
     * @param usim the IMSI of the USIM whose keys and SQN its IMS-AKA uses, absent when it has keys of its own
     */
    public record PrivateIdentityView(String impi, String subscriptionId, List<String> publicIdentities,
            List<String> authSchemes, String defaultScheme, String digestRealm, boolean sipDigestCredentials,
            boolean akaCredentials, boolean cleartextPasswordAllowed, String lineIdentifier, String ipAddress,
            @Schema(description = "IMSI of the USIM whose keys and SQN IMS-AKA uses; absent when it has its own keys",
                    example = "001010000000001") String usim) {

        static PrivateIdentityView of(PrivateIdentity p) {
            AuthProfile auth = p.auth();
            return new PrivateIdentityView(p.impi(), p.subscriptionId(), p.publicIdentities(),
                    auth.allowedSchemes().stream().sorted().toList(), auth.defaultScheme(),
                    auth.digest() == null ? null : auth.digest().realm(), auth.digest() != null,
                    auth.aka() != null, auth.cleartextPasswordAllowed(),
                    auth.lineIdentifier(), auth.ipAddress(), auth.usim());
        }
    }

    @GET
    @Path("public-identities")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listPublicIdentities",
            summary = "List public identities in key order, optionally those starting with a prefix "
            + "(e.g. sip:+1555 or tel:+1555)")
    public SubscribersResource.Page<PublicIdentity> publicIdentities(@QueryParam("prefix") String prefix,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        SubscribersResource.checkLimit(limit);
        List<PublicIdentity> found = store.publicIdentities(prefix, cursor, limit + 1);
        boolean more = found.size() > limit;
        List<PublicIdentity> page = more ? found.subList(0, limit) : found;
        return new SubscribersResource.Page<>(page, more ? key(page.get(limit - 1)) : null);
    }

    private static String key(PublicIdentity identity) {
        return identity.type().isWildcard() ? identity.identity().trim() : Identities.normalise(identity.identity());
    }

    @GET
    @Path("public-identities/{identity}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getPublicIdentity", summary = "Read a public identity (IMPU, PSI or wildcard)")
    public PublicIdentity publicIdentity(@PathParam("identity") String identity) {
        return store.publicIdentity(identity)
                .orElseThrow(() -> ProvisioningException.notFound("public identity " + identity));
    }

    @GET
    @Path("private-identities")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listPrivateIdentities",
            summary = "List private identities in IMPI order, optionally those starting with a prefix "
            + "(e.g. alice or 00101); credentials are never shown")
    public SubscribersResource.Page<PrivateIdentityView> privateIdentities(
            @Parameter(example = "alice") @QueryParam("prefix") String prefix,
            @Parameter(description = "The next of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 1000") @QueryParam("limit") @DefaultValue("100") int limit) {
        SubscribersResource.checkLimit(limit);
        List<PrivateIdentity> found = store.privateIdentities(prefix, cursor, limit + 1);
        boolean more = found.size() > limit;
        List<PrivateIdentity> page = more ? found.subList(0, limit) : found;
        return new SubscribersResource.Page<>(page.stream().map(PrivateIdentityView::of).toList(),
                more ? page.get(limit - 1).impi() : null);
    }

    @GET
    @Path("private-identities/{impi}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getPrivateIdentity", summary = "Read a private identity; credentials are never shown")
    public PrivateIdentityView privateIdentity(@PathParam("impi") String impi) {
        return PrivateIdentityView.of(store.privateIdentity(impi)
                .orElseThrow(() -> ProvisioningException.notFound("private identity " + impi)));
    }

    @PUT
    @Path("private-identities/{impi}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "replaceCredentials",
            summary = "Replace credentials (password or ha1; k with op or opc, amf); write-only",
            responses = {
                @ApiResponse(responseCode = "204", description = "Replaced; the ETag is the subscriber's new version")})
    public Response credentials(@PathParam("impi") String impi, SubscriberProvisioning.Credentials body,
            @Context SecurityContext security) {
        SubscriberProvisioning.Versioned stored = subscribers.setCredentials(impi,
                SubscribersResource.required(body), SubscribersResource.actor(security));
        return Response.noContent().tag(new EntityTag(stored.etag())).build();
    }
}
