package org.imshss.hss.s6a;

import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * The Purge-UE procedure, HSS side (TS 29.272 5.2.1.3.3): the stored MME (SGSN) that purged the UE is marked so,
 * and told to freeze the M-TMSI (P-TMSI, PUA-Flags 7.3.48); a PUR from any other node changes nothing.
 */
public final class PurgeUe {

    /** PUA-Flags bit 0: Freeze M-TMSI. */
    public static final long FREEZE_M_TMSI = 1L;
    /** PUA-Flags bit 1: Freeze P-TMSI. */
    public static final long FREEZE_P_TMSI = 1L << 1;

    private final EpsDataStore store;

    public PurgeUe(EpsDataStore store) {
        this.store = store;
    }

    public PurgeUeAnswer handle(PurgeUeRequest request) {
        if (store.usim(request.imsi()).isEmpty()) {
            return new PurgeUeAnswer(ResultCode.DIAMETER_ERROR_USER_UNKNOWN, -1);
        }
        EpsRegistrationChanges.Purged purged = store.updateRegistration(request.imsi(),
                new EpsRegistrationChanges.Purge(request.originHost(), request.purFlags()));
        return new PurgeUeAnswer(ResultCode.DIAMETER_SUCCESS,
                (purged.mme() ? FREEZE_M_TMSI : 0) | (purged.sgsn() ? FREEZE_P_TMSI : 0));
    }

    /** A PUR (7.2.13); {@code purFlags} is -1 when PUR-Flags is absent. */
    public record PurgeUeRequest(String originHost, String imsi, long purFlags) {
    }

    /** A PUA (7.2.14); {@code puaFlags} is -1 when not sent. */
    public record PurgeUeAnswer(ResultCode result, long puaFlags) {
    }
}
