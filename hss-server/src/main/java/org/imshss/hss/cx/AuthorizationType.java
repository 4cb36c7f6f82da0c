package org.imshss.hss.cx;

import org.imshss.diameter.Avp;

/** User-Authorization-Type (TS 29.229 6.3.24); the wire values are the dictionary's. */
public enum AuthorizationType {
    REGISTRATION,
    DE_REGISTRATION,
    REGISTRATION_AND_CAPABILITIES;

    /** The type of a received value, or null for one the table does not have. */
    public static AuthorizationType fromWire(int value) {
        return Avp.USER_AUTHORIZATION_TYPE.enumConstant(AuthorizationType.class, value);
    }
}
