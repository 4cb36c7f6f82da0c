package org.imshss.provisioning.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.imshss.http.ProvisioningException;
import org.imshss.http.Role;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.service.EpsAdministration;

/**
 * USIMs by IMSI: the subscriber one belongs to in one key lookup, as S6a does it, and pages of them by IMSI prefix,
 * so the console finds them fast.
 */
@Path("imsis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "EPS")
public final class ImsisResource {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{0,15}");

    private final EpsAdministration eps;

    ImsisResource(EpsAdministration eps) {
        this.eps = eps;
    }

    @GET
    @RolesAllowed(Role.READ_LABEL)
    @Operation(operationId = "listImsis",
            summary = "List USIMs in IMSI order, optionally those whose IMSI starts with a prefix (e.g. an MCC and "
            + "MNC: 00101), each with its subscriber and MSISDN; keys are never shown")
    public SubscribersResource.Page<EpsAdministration.UsimSummary> list(
            @Parameter(description = "Up to 15 digits", example = "00101") @QueryParam("prefix") String prefix,
            @Parameter(description = "The next of the previous page: an IMSI") @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 1000") @QueryParam("limit") @DefaultValue("100") int limit) {
        SubscribersResource.checkLimit(limit);
        if (prefix != null && !DIGITS.matcher(prefix).matches()) {
            throw ProvisioningException.invalid("prefix", "must be up to 15 digits");
        }
        if (cursor != null && !Usim.isImsi(cursor)) {
            throw ProvisioningException.invalid("cursor", "must be an IMSI (6 to 15 digits)");
        }
        List<EpsAdministration.UsimSummary> found = eps.usims(prefix, cursor, limit + 1);
        boolean more = found.size() > limit;
        List<EpsAdministration.UsimSummary> page = more ? found.subList(0, limit) : found;
        return new SubscribersResource.Page<>(page, more ? page.get(limit - 1).imsi() : null);
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
