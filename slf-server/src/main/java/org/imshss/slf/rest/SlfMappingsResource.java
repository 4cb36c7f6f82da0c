package org.imshss.slf.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imshss.http.ProvisioningException;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.rest.MappingJson.MappingBody;
import org.imshss.slf.rest.MappingJson.TargetBody;
import org.imshss.slf.store.MappingStore;

/**
 * The SLF's mappings and HSS targets over HTTP, served by the SLF process. A mapping is addressed by its type and
 * key ({@code /slf/mappings/identity/sip:alice@ims.example.org}, {@code /slf/mappings/range/+4930555000},
 * {@code /slf/mappings/default/default}); keys are normalised as in the mapping file, so any spelling of an
 * identity reaches the same mapping. A change is used by the next request on every SLF node.
 */
@Path("slf")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "slf")
public final class SlfMappingsResource {

    /** Role labels of the provisioning API (read, provision). */
    private static final String READ = "read";
    private static final String PROVISION = "provision";
    private static final int MAX_LIST = 10_000;

    private final MappingStore store;

    public SlfMappingsResource(MappingStore store) {
        this.store = store;
    }

    // ---- targets ------------------------------------------------------------------------------------------------

    @GET
    @Path("targets")
    @RolesAllowed(READ)
    @Operation(operationId = "listTargets", summary = "List the HSS targets")
    public List<TargetBody> targets() {
        return store.targets().stream().map(TargetBody::of).toList();
    }

    @GET
    @Path("targets/{name}")
    @RolesAllowed(READ)
    @Operation(operationId = "getTarget", summary = "Read an HSS target")
    public TargetBody target(@PathParam("name") String name) {
        return store.target(name).map(TargetBody::of)
                .orElseThrow(() -> ProvisioningException.notFound("HSS target " + name));
    }

    @PUT
    @Path("targets/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PROVISION)
    @Operation(operationId = "replaceTarget",
            summary = "Create or replace an HSS target: its realm and its nodes, in order of preference")
    public Response putTarget(@PathParam("name") String name, TargetBody body) {
        TargetBody given = required(body);
        if (given.name() != null && !given.name().equals(name)) {
            throw ProvisioningException.invalid("name", "differs from the name in the path");
        }
        HssTarget target = MappingJson.toTarget(name, given);
        boolean created = store.target(target.name()).isEmpty();
        store.putTarget(target);
        return created ? Response.created(UriBuilder.fromPath("slf/targets/{name}").build(target.name())).build()
                : Response.ok().build();
    }

    @DELETE
    @Path("targets/{name}")
    @RolesAllowed(PROVISION)
    @Operation(operationId = "deleteTarget", summary = "Delete an HSS target no mapping points to")
    public Response deleteTarget(@PathParam("name") String name) {
        boolean removed = Errors.within("", () -> store.removeTarget(name));
        if (!removed) {
            throw ProvisioningException.notFound("HSS target " + name);
        }
        return Response.noContent().build();
    }

    // ---- mappings -----------------------------------------------------------------------------------------------

    @GET
    @Path("mappings")
    @RolesAllowed(READ)
    @Operation(operationId = "listMappings",
            summary = "List mappings, of one type or of all, at most limit of each type")
    public List<MappingBody> mappings(@QueryParam("type") String type, @QueryParam("limit") @DefaultValue("100")
            int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw ProvisioningException.invalid("limit", "must be 1.." + MAX_LIST);
        }
        List<MappingKind> kinds = type == null ? List.of(MappingKind.values()) : List.of(kind(type));
        List<MappingBody> out = new ArrayList<>();
        for (MappingKind kind : kinds) {
            store.list(kind, limit).forEach(m -> out.add(MappingBody.of(m)));
        }
        return out;
    }

    @POST
    @Path("mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PROVISION)
    @Operation(operationId = "createMapping",
            summary = "Create a mapping; 409 if one with that type and key exists or a range overlaps")
    public Response create(MappingBody body) {
        MappingBody given = required(body);
        MappingKind kind = kind(given.type());
        Mapping mapping = Errors.within("", () -> given.toMapping(kind));
        if (store.get(kind, mapping.key()).isPresent()) {
            throw ProvisioningException.conflict(kind == MappingKind.RANGE ? "from" : "key",
                    "a " + kind.name().toLowerCase(Locale.ROOT) + " mapping for " + mapping.key() + " exists");
        }
        Errors.within("", () -> store.put(mapping));
        return Response.created(location(mapping)).entity(MappingBody.of(mapping)).build();
    }

    @GET
    @Path("mappings/{type}/{key: .+}")
    @RolesAllowed(READ)
    @Operation(operationId = "getMapping", summary = "Read a mapping")
    public MappingBody mapping(@PathParam("type") String type, @PathParam("key") String key) {
        MappingKind kind = kind(type);
        return Errors.within("", () -> store.get(kind, key)).map(MappingBody::of)
                .orElseThrow(() -> ProvisioningException.notFound(type + " mapping " + key));
    }

    @PUT
    @Path("mappings/{type}/{key: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(PROVISION)
    @Operation(operationId = "replaceMapping",
            summary = "Create or replace the mapping of this type and key (body: target, and to for a range)")
    public Response put(@PathParam("type") String type, @PathParam("key") String key, MappingBody body) {
        MappingBody given = required(body);
        MappingKind kind = kind(type);
        if (given.type() != null && kind(given.type()) != kind) {
            throw ProvisioningException.invalid("type", "differs from the type in the path");
        }
        Mapping mapping = Errors.within("", () -> kind == MappingKind.RANGE
                ? Mapping.range(key, given.to(), given.target())
                : new Mapping(kind, key, given.to(), given.target()));
        boolean created = store.get(kind, mapping.key()).isEmpty();
        Errors.within("", () -> store.put(mapping));
        return (created ? Response.created(location(mapping)) : Response.ok()).entity(MappingBody.of(mapping)).build();
    }

    @DELETE
    @Path("mappings/{type}/{key: .+}")
    @RolesAllowed(PROVISION)
    @Operation(operationId = "deleteMapping", summary = "Delete a mapping")
    public Response delete(@PathParam("type") String type, @PathParam("key") String key) {
        MappingKind kind = kind(type);
        if (!Errors.within("", () -> store.remove(kind, key))) {
            throw ProvisioningException.notFound(type + " mapping " + key);
        }
        return Response.noContent().build();
    }

    private static MappingKind kind(String type) {
        return Errors.within("", () -> MappingFile.kind(type));
    }

    private static java.net.URI location(Mapping mapping) {
        String key = mapping.kind() == MappingKind.RANGE || mapping.kind() == MappingKind.PREFIX
                ? "+" + mapping.key() : mapping.key();
        return UriBuilder.fromPath("slf/mappings/{type}/{key}")
                .build(mapping.kind().name().toLowerCase(Locale.ROOT), key);
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ProvisioningException.invalid("$", "a JSON body is required");
        }
        return body;
    }
}
