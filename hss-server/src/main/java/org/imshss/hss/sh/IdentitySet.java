package org.imshss.hss.sh;

import org.imshss.diameter.Avp;

/** Identity-Set of a UDR for IMSPublicIdentity (TS 29.329 6.3.10). */
public enum IdentitySet {
    ALL_IDENTITIES("AllIdentities"),
    REGISTERED_IDENTITIES("RegisteredIdentities"),
    IMPLICIT_IDENTITIES("ImplicitIdentities"),
    ALIAS_IDENTITIES("AliasIdentities");

    private final int value;
    private final String element;

    IdentitySet(String element) {
        this.value = Avp.IDENTITY_SET.enumValue(name());
        this.element = element;
    }

    /** @return null for a value not in TS 29.329 */
    public static IdentitySet fromWire(int value) {
        for (IdentitySet set : values()) {
            if (set.value == value) {
                return set;
            }
        }
        return null;
    }

    /** The Identity-Set AVP value. */
    int value() {
        return value;
    }

    /** The element of Sh-Data/Extension that holds this set when several sets are requested. */
    String element() {
        return element;
    }
}
