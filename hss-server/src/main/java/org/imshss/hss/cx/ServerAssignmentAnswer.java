package org.imshss.hss.cx;

import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.ChargingInformation;

/**
 * What the HSS answers to a SAR (TS 29.229 6.1.4); absent parts are null or empty.
 *
 * @param userName the private identity; for UNREGISTERED_USER the one the HSS picked
 * @param userData the IMSSubscription XML
 * @param serverName the stored S-CSCF, given when another S-CSCF holds the user (5005)
 * @param restorationInfo raw SCSCF-Restoration-Info AVP data stored for the subscription's IMPIs
 * @param failed the AVP to name in Failed-AVP (5005, 5009), or null
 */
public record ServerAssignmentAnswer(
        ResultCode result,
        String userName,
        String userData,
        ChargingInformation chargingInformation,
        List<String> associatedIdentities,
        List<String> associatedRegisteredIdentities,
        String serverName,
        boolean looseRouteRequired,
        String wildcardedIdentity,
        List<byte[]> restorationInfo,
        FailedIdentity failed) {

    public ServerAssignmentAnswer {
        associatedIdentities = List.copyOf(associatedIdentities);
        associatedRegisteredIdentities = List.copyOf(associatedRegisteredIdentities);
        restorationInfo = List.copyOf(restorationInfo);
    }

    /** An identity AVP the request lacked or had once too often. */
    public record FailedIdentity(Avp avp, String value, String reason) {
    }

    static ServerAssignmentAnswer of(ResultCode result) {
        return new ServerAssignmentAnswer(result, null, null, null, List.of(), List.of(), null, false, null,
                List.of(), null);
    }

    static ServerAssignmentAnswer alreadyAssigned(String storedServer) {
        return new ServerAssignmentAnswer(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED, null, null, null,
                List.of(), List.of(), storedServer, false, null, List.of(), null);
    }

    static ServerAssignmentAnswer failed(ResultCode result, FailedIdentity failed) {
        return new ServerAssignmentAnswer(result, null, null, null, List.of(), List.of(), null, false, null,
                List.of(), failed);
    }
}
