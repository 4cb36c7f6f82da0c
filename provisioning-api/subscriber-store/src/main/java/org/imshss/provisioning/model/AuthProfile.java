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
 * @param sealedPassword the password, sealed ({@link Keyring}, field PASSWORD; never clear), kept only when
 *                       cleartextPasswordAllowed; else null
 * @param usim the IMSI of the {@link Usim} whose keys and SQN this identity uses for AKA, or null; never together
 *             with {@code aka}
 */
public record AuthProfile(
        Set<String> allowedSchemes,
        String defaultScheme,
        DigestCredentials digest,
        AkaCredentials aka,
        String lineIdentifier,
        String ipAddress,
        boolean cleartextPasswordAllowed,
        SealedSecret sealedPassword,
        String usim) {

    public AuthProfile {
        allowedSchemes = Set.copyOf(allowedSchemes);
        if (usim != null && aka != null) {
            throw new IllegalArgumentException("AKA keys are either the identity's own or its USIM's");
        }
        if (sealedPassword != null && !cleartextPasswordAllowed) {
            throw new IllegalArgumentException("a password is kept only when cleartext use is allowed");
        }
        if (sealedPassword != null && sealedPassword.clear()) {
            throw new IllegalArgumentException("a password is never kept unencrypted");
        }
    }

    /** A profile with its own AKA keys, if any. */
    public AuthProfile(Set<String> allowedSchemes, String defaultScheme, DigestCredentials digest,
            AkaCredentials aka, String lineIdentifier, String ipAddress, boolean cleartextPasswordAllowed,
            SealedSecret sealedPassword) {
        this(allowedSchemes, defaultScheme, digest, aka, lineIdentifier, ipAddress, cleartextPasswordAllowed,
                sealedPassword, null);
    }

    /** Whether AKA can be used: with the identity's own keys or its USIM's. */
    public boolean hasAka() {
        return aka != null || usim != null;
    }

    /** A profile without a cleartext-capable password. */
    public AuthProfile(Set<String> allowedSchemes, String defaultScheme, DigestCredentials digest,
            AkaCredentials aka, String lineIdentifier, String ipAddress) {
        this(allowedSchemes, defaultScheme, digest, aka, lineIdentifier, ipAddress, false, null);
    }

    /** Whether every secret is as the keyring writes new ones (under its active key). */
    public boolean sealedUnder(Keyring keyring) {
        return (digest == null || keyring.current(digest.ha1()))
                && (aka == null || keyring.current(aka.k()) && keyring.current(aka.opc()))
                && (sealedPassword == null || keyring.current(sealedPassword));
    }

    /**
     * The same profile with every secret under the keyring's active key (a rotation); this profile when all are.
     *
     * @throws Keyring.SecretUnavailableException if a secret does not open with the ring
     */
    public AuthProfile resealed(Keyring keyring, String impi) {
        if (sealedUnder(keyring)) {
            return this;
        }
        SealedSecret password = sealedPassword;
        if (password != null && !keyring.current(password)) {
            if (!keyring.sealing()) {
                throw new IllegalArgumentException("a password is never kept unencrypted");
            }
            password = keyring.reseal(impi, Keyring.Field.PASSWORD, password);
        }
        return new AuthProfile(allowedSchemes, defaultScheme, digest == null ? null : digest.resealed(keyring, impi),
                aka == null ? null : aka.resealed(keyring, impi), lineIdentifier, ipAddress,
                cleartextPasswordAllowed, password, usim);
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
