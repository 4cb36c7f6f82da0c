package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.imshss.http.BodyLimit;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.InitialLoad;

/** Subscribers as whole documents (the seed format), and their bulk import and export as NDJSON. */
@Path("subscribers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subscribers")
public final class SubscribersResource {

    static final String NDJSON = BodyLimit.NDJSON;
    static final int MAX_PAGE = 1000;

    private final SubscriberProvisioning subscribers;
    private final BulkTransfer bulk;

    SubscribersResource(SubscriberProvisioning subscribers, BulkTransfer bulk) {
        this.subscribers = subscribers;
        this.bulk = bulk;
    }

    /** A page of a list: the items and the cursor of the next page (absent on the last). */
    public record Page<T>(java.util.List<T> items, String next) {
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listSubscribers",
            summary = "List subscribers in id order, optionally those whose id starts with a prefix")
    public Page<SeedDocument.Subscription> list(@QueryParam("prefix") String prefix,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        checkLimit(limit);
        SubscriberProvisioning.Page page = subscribers.list(prefix, cursor, limit);
        return new Page<>(page.items(), page.next());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "createSubscriber",
            summary = "Create a subscriber: subscription, private identities with credentials, "
            + "implicit registration sets and public identities in one document",
            responses = {
                @ApiResponse(responseCode = "201", description = "Created; the ETag is its version",
                        headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = "string")),
                        content = @Content(schema = @Schema(implementation = SeedDocument.Subscription.class))),
                @ApiResponse(responseCode = "409", description = "The id or an identity is taken")})
    public Response create(SeedDocument.Subscription document, @Context SecurityContext security,
            @Context UriInfo uri) {
        SubscriberProvisioning.Versioned created = subscribers.create(required(document), actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.document().id()).build())
                .tag(new EntityTag(created.etag())).entity(created.document()).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "getSubscriber",
            summary = "Read a subscriber (credentials are never shown); the ETag is its version",
            responses = {
                @ApiResponse(responseCode = "200", description = "The subscriber; the ETag is its version",
                        headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = "string")),
                        content = @Content(schema = @Schema(implementation = SeedDocument.Subscription.class)))})
    public Response get(@PathParam("id") String id) {
        SubscriberProvisioning.Versioned found = subscribers.get(id);
        return Response.ok(found.document()).tag(new EntityTag(found.etag())).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "replaceSubscriber",
            summary = "Create or replace a subscriber; private identities without credentials keep theirs. "
            + "Registered users get the new profile (PPR), removed identities are de-registered (RTR)",
            responses = {
                @ApiResponse(responseCode = "200", description = "Replaced; the ETag is its new version",
                        headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = "string")),
                        content = @Content(schema = @Schema(implementation = SeedDocument.Subscription.class))),
                @ApiResponse(responseCode = "201", description = "Created; the ETag is its version",
                        headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = "string")),
                        content = @Content(schema = @Schema(implementation = SeedDocument.Subscription.class))),
                @ApiResponse(responseCode = "409", description = "An identity is taken, or the write was overtaken"),
                @ApiResponse(responseCode = "412", description = "If-Match names another version")})
    public Response put(@PathParam("id") String id, SeedDocument.Subscription document,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context SecurityContext security) {
        SubscriberProvisioning.Written written = subscribers.put(id, required(document), ifMatch, actor(security));
        return Response.status(written.created() ? 201 : 200).tag(new EntityTag(written.stored().etag()))
                .entity(written.stored().document()).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "deleteSubscriber",
            summary = "Delete a subscriber; registered identities get RTR PERMANENT_TERMINATION first",
            responses = {
                @ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "409", description = "The write was overtaken"),
                @ApiResponse(responseCode = "412", description = "If-Match names another version")})
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context SecurityContext security) {
        subscribers.delete(id, ifMatch, actor(security));
        return Response.noContent().build();
    }

    @POST
    @Path("import")
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @RolesAllowed(Role.PROVISION_LABEL)
    @Operation(operationId = "importSubscribers",
            summary = "Create or replace subscribers from NDJSON (one document per line); "
            + "one result line per input line, failures do not stop the import",
            requestBody = @RequestBody(required = true, description = "One subscriber document (as getSubscriber "
                    + "answers it, with credentials where wanted) per line",
                    content = @Content(mediaType = NDJSON, schema = @Schema(type = "string"))),
            responses = {
                @ApiResponse(responseCode = "200", description = "One result line per input line, in input order: "
                        + "{\"line\": 1, \"id\": \"dave\", \"result\": \"created\", \"status\": 201} "
                        + "(errors as a problem's, with status 4xx)",
                        content = @Content(mediaType = NDJSON, schema = @Schema(type = "string", format = "binary"))),
                @ApiResponse(responseCode = "409", description = "An initial load into an HSS that holds subscribers")})
    public StreamingOutput importSubscribers(@Parameter(hidden = true) InputStream body,
            @Parameter(description = "Load an HSS that holds no subscriber yet (409 otherwise; admin role): the "
                    + "subscriber caches are written without the write-ahead log, about twice as fast with "
                    + "persistence, and put on disk when the response ends. A crash before that empties them; "
                    + "the load is then run again.")
            @QueryParam("initialLoad") boolean initialLoad,
            @Parameter(description = "Send each batch's results as soon as it is stored, while the request is still "
                    + "being read: only for a client that reads the answer as it sends. Without it the results "
                    + "follow the whole request, which every client can take.")
            @QueryParam("progress") boolean progress,
            @Context SecurityContext security) {
        String actor = actor(security);
        if (!initialLoad) {
            return out -> bulk.importLines(body, out, actor, progress);
        }
        if (!security.isUserInRole(Role.ADMIN_LABEL)) {
            throw new ForbiddenException("an initial load needs the admin role");
        }
        // Begun before the response: a refusal is the response's status, not a line of it.
        InitialLoad load = bulk.initialLoad();
        return out -> {
            try (load) {
                bulk.importLines(body, out, actor, progress);
            }
        };
    }

    @GET
    @Path("export")
    @Produces(NDJSON)
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "exportSubscribers",
            summary = "Every subscriber as NDJSON (in no particular order), without credentials",
            responses = {
                @ApiResponse(responseCode = "200", description = "One subscriber document per line, in the shape "
                        + "getSubscriber answers it (a Subscription), which importSubscribers takes back",
                        content = @Content(mediaType = NDJSON, schema = @Schema(type = "string", format = "binary")))})
    public StreamingOutput export(@QueryParam("prefix") String prefix) {
        return out -> bulk.export(prefix, out);
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProvisioningException.invalid("limit", "must be 1.." + MAX_PAGE);
        }
    }

    static <T> T required(T body) {
        if (body == null) {
            throw ProvisioningException.invalid("$", "a JSON body is required");
        }
        return body;
    }

    static String actor(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
