package org.imshss.slf.mapping;

/**
 * The kinds of mapping, in order of precedence: the first kind that matches an identity decides. The more
 * specific a mapping, the earlier it comes: one identity; a wildcarded PSI or IMPU (TS 23.003 13.5) written for
 * a family of identities; a number range whose ends are complete numbers; a number prefix (the longest wins);
 * the identity's domain (the longest suffix wins); the global default.
 */
public enum MappingKind {
    /** An exact IMPU, PSI or IMPI (normalised as the HSS normalises identities). */
    IDENTITY,
    /** A wildcarded PSI or IMPU, {@code !regex!} parts matched against the normalised identity. */
    PATTERN,
    /** A block of E.164 numbers {@code from..to}, both ends the same length. */
    RANGE,
    /** E.164 digits the number of a tel URI, a user=phone SIP URI or an MSISDN starts with. */
    PREFIX,
    /** The host of a SIP URI or the realm of an IMPI, or a parent domain of it. */
    DOMAIN,
    /** Everything else. */
    DEFAULT
}
