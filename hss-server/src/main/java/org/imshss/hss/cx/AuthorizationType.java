package org.imshss.hss.cx;

/** User-Authorization-Type (TS 29.229 6.3.24); the ordinal is the wire value. */
public enum AuthorizationType {
    REGISTRATION,
    DE_REGISTRATION,
    REGISTRATION_AND_CAPABILITIES;

    public static AuthorizationType fromWire(int value) {
        AuthorizationType[] all = values();
        return value >= 0 && value < all.length ? all[value] : null;
    }
}
