package org.imshss.provisioning.model;

import java.util.Set;

/**
 * How a private identity authenticates (TS 33.203, TS 29.228 6.3).
 *
 * @param allowedSchemes SIP-Authentication-Scheme values accepted in MAR, as spelled in TS 29.229
 * @param defaultScheme the scheme used when the S-CSCF asks for "Unknown"
 * @param digest SIP Digest credentials, or null
 * @param aka IMS-AKA credentials, or null
 * @param lineIdentifier NASS-Bundled line identifier, or null
 * @param ipAddress Early-IMS IPv4 address, IPv6 address or IPv6 prefix ({@code 2001:db8::/64}), or null
 * @param cleartextPasswordAllowed whether the Digest-MD5 scheme, which hands the password itself to the S-CSCF,
 *                                 may be used for this identity
 * @param sealedPassword the password encrypted at rest, kept only when cleartextPasswordAllowed; else null
 */
public record AuthProfile(
        Set<String> allowedSchemes,
        String defaultScheme,
        DigestCredentials digest,
        AkaCredentials aka,
        String lineIdentifier,
        String ipAddress,
        boolean cleartextPasswordAllowed,
        SealedPassword sealedPassword) {

    public AuthProfile {
        allowedSchemes = Set.copyOf(allowedSchemes);
        if (sealedPassword != null && !cleartextPasswordAllowed) {
            throw new IllegalArgumentException("a password is kept only when cleartext use is allowed");
        }
    }

    /** A profile without a cleartext-capable password. */
    public AuthProfile(Set<String> allowedSchemes, String defaultScheme, DigestCredentials digest,
            AkaCredentials aka, String lineIdentifier, String ipAddress) {
        this(allowedSchemes, defaultScheme, digest, aka, lineIdentifier, ipAddress, false, null);
    }

    /** Scheme names are compared case-insensitively; returns the stored spelling or null. */
    public String allowedScheme(String requested) {
        for (String scheme : allowedSchemes) {
            if (scheme.equalsIgnoreCase(requested)) {
                return scheme;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "AuthProfile[allowedSchemes=" + allowedSchemes + ", defaultScheme=" + defaultScheme
                + ", digest=" + (digest != null) + ", aka=" + (aka != null)
                + ", cleartextPasswordAllowed=" + cleartextPasswordAllowed + "]";
    }
}
