package org.imshss.hss.cx;

import java.util.EnumSet;
import java.util.Set;
import org.imshss.diameter.Avp;

/** Server-Assignment-Type (TS 29.229 6.3.15); the wire values are the dictionary's. */
public enum ServerAssignmentType {
    NO_ASSIGNMENT,
    REGISTRATION,
    RE_REGISTRATION,
    UNREGISTERED_USER,
    TIMEOUT_DEREGISTRATION,
    USER_DEREGISTRATION,
    TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME,
    USER_DEREGISTRATION_STORE_SERVER_NAME,
    ADMINISTRATIVE_DEREGISTRATION,
    AUTHENTICATION_FAILURE,
    AUTHENTICATION_TIMEOUT,
    DEREGISTRATION_TOO_MUCH_DATA,
    AAA_USER_DATA_REQUEST,
    PGW_UPDATE,
    RESTORATION;

    /** The types that may name several public identities (TS 29.228 6.1.2: de-registrations only). */
    private static final Set<ServerAssignmentType> DEREGISTRATIONS = EnumSet.of(TIMEOUT_DEREGISTRATION,
            USER_DEREGISTRATION, TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, USER_DEREGISTRATION_STORE_SERVER_NAME,
            ADMINISTRATIVE_DEREGISTRATION, DEREGISTRATION_TOO_MUCH_DATA);

    /** The type of a received value, or null for one the table does not have. */
    public static ServerAssignmentType fromWire(int value) {
        return Avp.SERVER_ASSIGNMENT_TYPE.enumConstant(ServerAssignmentType.class, value);
    }

    public boolean isDeregistration() {
        return DEREGISTRATIONS.contains(this);
    }

    public boolean keepsServerName() {
        return this == TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME || this == USER_DEREGISTRATION_STORE_SERVER_NAME;
    }

    /** Types after which the S-CSCF needs the profile (TS 29.228 6.1.2, table 6.1.2.1). */
    public boolean downloadsProfile() {
        return this == NO_ASSIGNMENT || this == REGISTRATION || this == RE_REGISTRATION || this == UNREGISTERED_USER;
    }

    /** 12-14 belong to SWx (TS 29.273), not Cx. */
    public boolean isCx() {
        return ordinal() <= DEREGISTRATION_TOO_MUCH_DATA.ordinal();
    }
}
