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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.SeedException;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.seed.WrittenForms;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.ShDataStore;

/**
 * DSAI tags (TS 29.328 7.6.11) and the iFCs each governs, validated as in a seed file. The per-user DSAI-Values
 * belong to the application servers (Sh-Update); a changed or removed tag that is INACTIVE for a registered user
 * gives that user's S-CSCF the new profile (PPR).
 */
@Path("dsai")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sh")
public final class DsaiResource {

    private static final String PREFIX = "dsai[0].";

    private final ProvisioningStore store;
    private final ShDataStore shStore;
    private final SeedLoader loader = new SeedLoader();
    private final AuditLog audit;
    private final Clock clock;

    DsaiResource(ProvisioningStore store, ShDataStore shStore, AuditLog audit, Clock clock) {
        this.store = store;
        this.shStore = shStore;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listDsaiTags", summary = "List all")
    public List<SeedDocument.Dsai> list() {
        List<Dsai> all = new ArrayList<>(shStore.allDsai());
        all.sort(Comparator.comparing(Dsai::tag));
        return all.stream().map(WrittenForms::dsai).toList();
    }

    @GET
    @Path("{tag}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getDsaiTag", summary = "Read one")
    public SeedDocument.Dsai get(@PathParam("tag") String tag) {
        return shStore.dsai(tag).map(WrittenForms::dsai).orElseThrow(() -> ProvisioningException.notFound("DSAI tag " + tag));
    }

    @PUT
    @Path("{tag}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "replaceDsaiTag",
            summary = "Create or replace; registered users for whom the tag is INACTIVE get the new profile (PPR)",
            responses = {
                @ApiResponse(responseCode = "200", description = "Replaced",
                        content = @Content(schema = @Schema(implementation = SeedDocument.Dsai.class))),
                @ApiResponse(responseCode = "201", description = "Created",
                        content = @Content(schema = @Schema(implementation = SeedDocument.Dsai.class)))})
    public Response put(@PathParam("tag") String tag, SeedDocument.Dsai body, @Context SecurityContext security) {
        SeedDocument.Dsai request = SubscribersResource.required(body);
        if (request.tag() != null && !request.tag().equals(tag)) {
            throw ProvisioningException.invalid("tag", "differs from the tag in the path (" + tag + ")");
        }
        Dsai dsai = validate(new SeedDocument.Dsai(tag, request.ifcs()));
        boolean created = shStore.dsai(tag).isEmpty();
        shStore.putDsai(dsai);
        audit.record(new AuditEntry(0, clock.instant().toString(), SubscribersResource.actor(security),
                created ? "CREATE" : "UPDATE", "dsai", tag, List.of("ifcs")));
        return Response.status(created ? 201 : 200).entity(WrittenForms.dsai(dsai)).build();
    }

    @DELETE
    @Path("{tag}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteDsaiTag",
            summary = "Delete; the iFCs it masked are sent to the S-CSCFs again (PPR)",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted")})
    public Response delete(@PathParam("tag") String tag, @Context SecurityContext security) {
        if (!shStore.removeDsai(tag)) {
            throw ProvisioningException.notFound("DSAI tag " + tag);
        }
        audit.record(new AuditEntry(0, clock.instant().toString(), SubscribersResource.actor(security), "DELETE",
                "dsai", tag, List.of("*")));
        return Response.noContent().build();
    }

    /** The seed loader's checks, iFCs resolved against the store; every problem named by its field. */
    private Dsai validate(SeedDocument.Dsai body) {
        SeedDocument document = new SeedDocument(null, null, null, null, null, null, null, null, List.of(body));
        try {
            return loader.convert(document, "request", new StoredIfcs()).dsai().get(0);
        } catch (SeedException e) {
            List<ProvisioningException.FieldError> errors = new ArrayList<>();
            for (String problem : e.problems()) {
                int colon = problem.indexOf(": ");
                String field = colon < 0 ? "$" : problem.substring(0, colon);
                errors.add(new ProvisioningException.FieldError(
                        field.startsWith(PREFIX) ? field.substring(PREFIX.length()) : field,
                        colon < 0 ? problem : problem.substring(colon + 2)));
            }
            throw ProvisioningException.invalid(errors);
        }
    }

    /** A DSAI tag refers to iFCs only. */
    private final class StoredIfcs implements SeedLoader.References {

        @Override
        public Optional<InitialFilterCriteria> ifc(String id) {
            return store.initialFilterCriteria(id);
        }

        @Override
        public boolean sharedIfcSet(int id) {
            return false;
        }

        @Override
        public boolean serviceProfile(String id) {
            return false;
        }

        @Override
        public boolean chargingInformation(String id) {
            return false;
        }
    }
}
