package org.imshss.hss.s6a;

import org.imshss.diameter.Avp;

/** Cancellation-Type of a CLR (TS 29.272 7.3.24); the wire values are the dictionary's. */
public enum CancellationType {
    MME_UPDATE_PROCEDURE,
    SGSN_UPDATE_PROCEDURE,
    SUBSCRIPTION_WITHDRAWAL,
    UPDATE_PROCEDURE_IWF,
    INITIAL_ATTACH_PROCEDURE;

    public int wire() {
        return Avp.CANCELLATION_TYPE.enumValue(this);
    }
}
