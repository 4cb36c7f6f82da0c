package org.imshss.hss.cx;

/** Reason-Code of Deregistration-Reason (TS 29.229 6.3.17); the ordinal is the wire value. */
public enum DeregistrationReason {
    PERMANENT_TERMINATION,
    NEW_SERVER_ASSIGNED,
    SERVER_CHANGE,
    REMOVE_S_CSCF
}
