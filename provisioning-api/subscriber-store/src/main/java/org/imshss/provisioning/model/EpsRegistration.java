package org.imshss.provisioning.model;

import java.io.Serializable;

/**
 * Where a USIM is registered in the EPS (TS 29.272 5.2.1.1): the MME and the SGSN serving it, each with what its
 * last Update-Location told, and the purge marks (5.2.1.3). One grid entry per IMSI, changed only by atomic
 * updates, so two MMEs updating the location of one USIM at once leave exactly one of them registered and the
 * other cancelled. Serializable so that atomic updates can carry and return it between grid nodes.
 *
 * @param mme the serving MME, or null
 * @param sgsn the serving SGSN, or null
 * @param mmePurged whether the MME purged the UE (PUR) since it registered
 * @param sgsnPurged whether the SGSN purged the UE since it registered
 */
public record EpsRegistration(ServingNode mme, ServingNode sgsn, boolean mmePurged, boolean sgsnPurged)
        implements Serializable {

    public static final EpsRegistration NONE = new EpsRegistration(null, null, false, false);

    /**
     * One serving node as its last ULR described it.
     *
     * @param host its Diameter identity (Origin-Host), where CLR, IDR and DSR go
     * @param realm its Origin-Realm
     * @param visitedPlmn the Visited-PLMN-Id as MCC followed by MNC digits
     * @param ratType the RAT-Type's name in TS 29.212 5.3.31 (e.g. EUTRAN)
     * @param imei the IMEI of the Terminal-Information, or null
     * @param softwareVersion the Software-Version of the Terminal-Information, or null
     * @param srvccSupported UE-SRVCC-Capability: true, false, or null when the ULR did not say (no knowledge)
     * @param updatedMillis when the ULR was answered
     * @param subscriptionVersion the version of the subscriber's data sent in that ULA, so that a later
     *                            Skip-Subscriber-Data can be honoured only when nothing changed since
     */
    public record ServingNode(String host, String realm, String visitedPlmn, String ratType, String imei,
            String softwareVersion, Boolean srvccSupported, long updatedMillis, long subscriptionVersion)
            implements Serializable {
    }
}
