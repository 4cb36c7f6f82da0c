package org.imshss.provisioning.model;

import java.util.Arrays;

/**
 * A subscriber secret (K, OPc, HA1 or a Digest-MD5 password) as it is stored: AES-256-GCM ciphertext with its tag,
 * the 96-bit nonce and the id of the key-encryption key that sealed it (see {@link Keyring}). Arrays are copied in
 * and out; {@link #toString()} shows the key id only.
 *
 * @param keyId the key-encryption key; {@link #CLEAR} when no key was configured and the value is kept as it is
 *              (a rotation seals it); null for a password sealed before key ids existed (under
 *              {@link Keyring#LEGACY_PASSWORD_KEY_ID})
 */
public record SealedSecret(String keyId, byte[] nonce, byte[] ciphertext) {

    /** Key id of a value kept unencrypted because no key-encryption key is configured. */
    public static final String CLEAR = "";

    public SealedSecret {
        if (nonce == null || ciphertext == null) {
            throw new IllegalArgumentException("nonce and ciphertext are required");
        }
        if (CLEAR.equals(keyId)) {
            if (nonce.length != 0) {
                throw new IllegalArgumentException("a clear value has no nonce");
            }
        } else {
            if (nonce.length != Keyring.NONCE_BYTES) {
                throw new IllegalArgumentException("nonce must be " + Keyring.NONCE_BYTES + " octets");
            }
            if (ciphertext.length <= Keyring.TAG_BYTES) {
                throw new IllegalArgumentException("ciphertext too short");
            }
        }
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    /** Whether the value is kept unencrypted (no key was configured when it was written). */
    public boolean clear() {
        return CLEAR.equals(keyId);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedSecret other && java.util.Objects.equals(keyId, other.keyId)
                && Arrays.equals(nonce, other.nonce) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hashCode(keyId) + Arrays.hashCode(nonce)) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + (clear() ? "(clear)" : keyId) + ", ***]";
    }
}
