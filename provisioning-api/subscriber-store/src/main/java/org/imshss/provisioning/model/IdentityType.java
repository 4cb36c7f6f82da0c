package org.imshss.provisioning.model;

/**
 * Public identity kinds of TS 29.228 Annex D/E (tIdentityType). Value 3 is NON_DISTINCT_IMPU, a member of a
 * wildcarded IMPU range that the HSS does not store on its own; it is therefore not a kind here.
 */
public enum IdentityType {
    PUBLIC_USER_IDENTITY(0),
    DISTINCT_PSI(1),
    WILDCARDED_PSI(2),
    WILDCARDED_IMPU(4);

    private final int xmlValue;

    IdentityType(int xmlValue) {
        this.xmlValue = xmlValue;
    }

    /** The value carried in the User-Data IdentityType element. */
    public int xmlValue() {
        return xmlValue;
    }

    public boolean isPsi() {
        return this == DISTINCT_PSI || this == WILDCARDED_PSI;
    }

    public boolean isWildcard() {
        return this == WILDCARDED_PSI || this == WILDCARDED_IMPU;
    }
}
