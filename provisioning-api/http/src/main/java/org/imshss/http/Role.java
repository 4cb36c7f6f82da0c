package org.imshss.http;

import java.util.Locale;

/** What a token may do; each role includes the ones before it. */
public enum Role {
    /** Read subscriber and service data (never a secret). */
    READ,
    /** Create, change and delete subscriber and service data. */
    PROVISION,
    /** Everything: also de-register users and read the audit trail. */
    ADMIN;

    /** The name used in {@code @RolesAllowed} and in the configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Role parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    public static final String READ_LABEL = "read";
    public static final String PROVISION_LABEL = "provision";
    public static final String ADMIN_LABEL = "admin";
}
