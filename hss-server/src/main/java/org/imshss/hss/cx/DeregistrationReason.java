package org.imshss.hss.cx;

import org.imshss.diameter.Avp;

/** Reason-Code of Deregistration-Reason (TS 29.229 6.3.17); the wire values are the dictionary's. */
public enum DeregistrationReason {
    PERMANENT_TERMINATION,
    NEW_SERVER_ASSIGNED,
    SERVER_CHANGE,
    REMOVE_S_CSCF;

    private final int wire = Avp.REASON_CODE.enumValue(this);

    public int wire() {
        return wire;
    }
}
