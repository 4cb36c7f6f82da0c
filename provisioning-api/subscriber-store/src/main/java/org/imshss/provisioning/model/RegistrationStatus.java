package org.imshss.provisioning.model;

/** Registration state of a public identity as the HSS keeps it (TS 29.228 section 6.1, TS 23.228 5.3). */
public enum RegistrationStatus {
    NOT_REGISTERED,
    REGISTERED,
    /** An S-CSCF holds the profile for services of the unregistered state. */
    UNREGISTERED
}
