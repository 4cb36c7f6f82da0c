package org.imshss.provisioning.model;

/**
 * SIP Digest credentials kept as H(A1) for one realm (RFC 2617 3.2.2.2); the password itself is not kept.
 *
 * @param ha1 lower-case hex MD5(username ":" realm ":" password), sealed ({@link Keyring}, field HA1)
 */
public record DigestCredentials(String realm, SealedSecret ha1) {

    public static DigestCredentials seal(Keyring keyring, String impi, String realm, String ha1) {
        return new DigestCredentials(realm, keyring.seal(impi, Keyring.Field.HA1, ha1));
    }

    /** The same HA1 under the keyring's active key; this record when it already is. */
    public DigestCredentials resealed(Keyring keyring, String impi) {
        SealedSecret now = keyring.reseal(impi, Keyring.Field.HA1, ha1);
        return now == ha1 ? this : new DigestCredentials(realm, now);
    }

    @Override
    public String toString() {
        return "DigestCredentials[realm=" + realm + ", ha1=***]";
    }
}
