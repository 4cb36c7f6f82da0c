package org.imshss.provisioning.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the cleartext passwords that the Digest-MD5 scheme has to hand to the S-CSCF, so they are never at
 * rest in the grid (or its persistence files) in the clear. AES-256-GCM (NIST SP 800-38D) with a random 96-bit
 * nonce per password and the private identity as associated data, so a sealed password copied to another
 * identity does not open. Thread-safe. Neither the key nor a password ever appears in a message or toString.
 */
public final class PasswordSealer {

    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param key 32 octets (AES-256); copied */
    public PasswordSealer(byte[] key) {
        this(key, new SecureRandom());
    }

    PasswordSealer(byte[] key, SecureRandom random) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the password key must be " + KEY_BYTES + " octets");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    public SealedPassword seal(String impi, String password) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, impi);
            return new SealedPassword(nonce, cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * @return the password as UTF-8 octets (the caller should clear them after use)
     * @throws IllegalArgumentException if the key or identity does not match the sealed value
     */
    public byte[] open(String impi, SealedPassword sealed) {
        try {
            return cipher(Cipher.DECRYPT_MODE, sealed.nonce(), impi).doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed password does not open with this key for " + impi);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String impi) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(impi.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "PasswordSealer[key=***]";
    }
}
