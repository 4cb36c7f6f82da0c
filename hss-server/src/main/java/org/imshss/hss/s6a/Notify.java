package org.imshss.hss.s6a;

import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * The Notification procedure, HSS side (TS 29.272 5.2.5.1.3): accepted from the UE's stored MME or SGSN only
 * (else DIAMETER_ERROR_UNKNOWN_SERVING_NODE). Terminal-Information and UE-SRVCC-Capability replace what the ULR
 * stored. The rest of a NOR is acknowledged and not kept: the PDN GW of an APN (MIP6-Agent-Info with
 * Context-Identifier / Service-Selection) is needed only for non-3GPP access (SWx/S6b), and the reachability and
 * SMS flags of NOR-Flags only for SMS and UE-reachability notification, none of which this HSS offers.
 */
public final class Notify {

    private final EpsDataStore store;

    public Notify(EpsDataStore store) {
        this.store = store;
    }

    /** The NOA's result: the NOA carries nothing else the HSS decides. */
    public ResultCode handle(NotifyRequest request) {
        if (store.usim(request.imsi()).isEmpty()) {
            return ResultCode.DIAMETER_ERROR_USER_UNKNOWN;
        }
        boolean served = store.updateRegistration(request.imsi(), new EpsRegistrationChanges.Notify(
                request.originHost(), request.imei(), request.softwareVersion(), request.srvccSupported()));
        return served ? ResultCode.DIAMETER_SUCCESS : ResultCode.DIAMETER_ERROR_UNKNOWN_SERVING_NODE;
    }

    /**
     * A NOR (7.2.17) as the procedure needs it.
     *
     * @param imei the IMEI of Terminal-Information, or null when the NOR has none
     * @param srvccSupported UE-SRVCC-Capability, or null when absent
     */
    public record NotifyRequest(String originHost, String imsi, String imei, String softwareVersion,
            Boolean srvccSupported) {
    }
}
