package org.imshss.hss.cx;

import java.util.List;

/**
 * A decoded SAR (TS 29.229 6.1.3).
 *
 * @param originHost the S-CSCF's Diameter identity: where RTR and PPR go later
 * @param privateIdentity User-Name, null when absent (UNREGISTERED_USER)
 * @param wildcardedIdentity Wildcarded-Public-Identity, or null
 * @param restorationInfo the raw SCSCF-Restoration-Info AVP data, or null
 */
public record ServerAssignmentRequest(
        String originHost,
        String originRealm,
        String privateIdentity,
        List<String> publicIdentities,
        String wildcardedIdentity,
        String serverName,
        ServerAssignmentType type,
        boolean userDataAlreadyAvailable,
        byte[] restorationInfo) {

    public ServerAssignmentRequest {
        publicIdentities = List.copyOf(publicIdentities);
        restorationInfo = restorationInfo == null ? null : restorationInfo.clone();
    }
}
