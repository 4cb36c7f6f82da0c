package org.imshss.hss.cx;

import java.util.List;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.ChargingInformation;

/**
 * What the HSS answers to a SAR (TS 29.229 6.1.4); absent parts are null or empty.
 *
 * @param userName the private identity; for UNREGISTERED_USER the one the HSS picked
 * @param userData the IMSSubscription XML
 * @param serverName the stored S-CSCF, given when another S-CSCF holds the user (5005)
 * @param restorationInfo raw SCSCF-Restoration-Info AVP data stored for the subscription's IMPIs
 * @param failedPublicIdentity the Public-Identity to name in Failed-AVP (5009)
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
        String failedPublicIdentity) {

    public ServerAssignmentAnswer {
        associatedIdentities = List.copyOf(associatedIdentities);
        associatedRegisteredIdentities = List.copyOf(associatedRegisteredIdentities);
        restorationInfo = List.copyOf(restorationInfo);
    }

    static ServerAssignmentAnswer of(ResultCode result) {
        return new ServerAssignmentAnswer(result, null, null, null, List.of(), List.of(), null, false, null,
                List.of(), null);
    }

    static ServerAssignmentAnswer alreadyAssigned(String storedServer) {
        return new ServerAssignmentAnswer(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED, null, null, null,
                List.of(), List.of(), storedServer, false, null, List.of(), null);
    }

    static ServerAssignmentAnswer tooManyIdentities(String failed) {
        return new ServerAssignmentAnswer(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, null, null, null,
                List.of(), List.of(), null, false, null, List.of(), failed);
    }
}
