package org.imshss.hss.sh;

import org.imshss.diameter.Avp;

/**
 * The Data-References this HSS knows how to treat (TS 29.329 6.3.4), with the identities each may be
 * addressed by (the access keys of TS 29.328 Table 7.6.1) and whether Sh-Update and Sh-Subs-Notif apply.
 * Every other value is {@link #NOT_HELD}: data of the CS/PS/EPS domains and features this HSS does not keep.
 */
public enum DataReference {
    REPOSITORY_DATA("RepositoryData", Access.USER | Access.PSI, true, true),
    IMS_PUBLIC_IDENTITY("IMSPublicIdentity", Access.USER | Access.PSI | Access.MSISDN, false, true),
    IMS_USER_STATE("IMSUserState", Access.USER, false, true),
    S_CSCF_NAME("S-CSCFName", Access.USER | Access.PSI, false, true),
    INITIAL_FILTER_CRITERIA("InitialFilterCriteria", Access.USER | Access.PSI, false, true),
    CHARGING_INFORMATION("ChargingInformation", Access.USER | Access.PSI | Access.MSISDN, false, true),
    MSISDN("MSISDN", Access.USER | Access.MSISDN, false, true),
    PSI_ACTIVATION("PSIActivation", Access.PSI, true, true),
    IMS_PRIVATE_USER_IDENTITY("IMSPrivateUserIdentity", Access.USER | Access.MSISDN, false, false),
    /** DSAI (19): the tags of the iFCs that point at the requesting AS (TS 29.328 7.6.11). */
    DSAI("DSAI", Access.USER | Access.PSI, true, true),
    /** LocationInformation, UserState and every other CS/PS/EPS/5GS reference: the HSS has no such data. */
    NOT_HELD(null, Access.USER | Access.PSI | Access.MSISDN, false, false);

    private final int value;
    private final int access;
    private final boolean updatable;
    private final boolean subscribable;

    DataReference(String specName, int access, boolean updatable, boolean subscribable) {
        this.value = specName == null ? -1 : Avp.DATA_REFERENCE.enumValue(specName);
        this.access = access;
        this.updatable = updatable;
        this.subscribable = subscribable;
    }

    public static DataReference of(int wireValue) {
        for (DataReference reference : values()) {
            if (reference.value == wireValue) {
                return reference;
            }
        }
        return NOT_HELD;
    }

    /** The Data-Reference AVP value; -1 for {@link #NOT_HELD}. */
    public int value() {
        return value;
    }

    /** Sh-Update applies (TS 29.328 Table 7.6.1: RepositoryData, PSIActivation, DSAI). */
    public boolean updatable() {
        return updatable;
    }

    /** Sh-Subs-Notif applies and the HSS accepts subscriptions to it. */
    public boolean subscribable() {
        return subscribable;
    }

    /** Whether the identity, as the AS named it, is an access key of this Data-Reference (TS 29.328 Table 7.6.1). */
    public boolean accessibleBy(ShTarget target) {
        int kind = target.viaMsisdn() ? Access.MSISDN : target.identity().type().isPsi() ? Access.PSI : Access.USER;
        return (access & kind) != 0;
    }

    private static final class Access {
        static final int USER = 1;
        static final int PSI = 2;
        static final int MSISDN = 4;
    }
}
