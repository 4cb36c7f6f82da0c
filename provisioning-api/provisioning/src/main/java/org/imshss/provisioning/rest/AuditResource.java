package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;

/** The audit trail: who changed what and when, newest first; never a secret value. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public final class AuditResource {

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Role.ADMIN_LABEL)
    @Operation(operationId = "listAuditEntries",
            summary = "Changes newest first; cursor is the id of the last entry of the previous page")
    public SubscribersResource.Page<AuditEntry> list(@QueryParam("cursor") String cursor,
            @QueryParam("object") String objectId, @QueryParam("limit") @DefaultValue("100") int limit) {
        SubscribersResource.checkLimit(limit);
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ProvisioningException.invalid("cursor", "must be an entry id");
            }
        }
        List<AuditEntry> entries = audit.list(before, objectId, limit + 1);
        boolean more = entries.size() > limit;
        List<AuditEntry> page = more ? entries.subList(0, limit) : entries;
        return new SubscribersResource.Page<>(page, more ? Long.toString(page.get(limit - 1).id()) : null);
    }
}
