package org.imshss.provisioning.model;

import java.util.Arrays;

/**
 * A cleartext SIP password kept only encrypted (AES-256-GCM, see {@link PasswordSealer}): the 12-octet nonce
 * and the ciphertext with its 16-octet tag. Arrays are copied in and out; {@link #toString()} shows nothing.
 */
public record SealedPassword(byte[] nonce, byte[] ciphertext) {

    public SealedPassword {
        if (nonce == null || nonce.length != PasswordSealer.NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + PasswordSealer.NONCE_BYTES + " octets");
        }
        if (ciphertext == null || ciphertext.length <= PasswordSealer.TAG_BYTES) {
            throw new IllegalArgumentException("ciphertext too short");
        }
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
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
        return o instanceof SealedPassword other
                && Arrays.equals(nonce, other.nonce) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nonce) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedPassword[***]";
    }
}
