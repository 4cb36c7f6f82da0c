package org.imshss.provisioning.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys that seal subscriber secrets at rest, so that neither the grid nor its persistence files
 * ever hold K, OPc, HA1 or a password in the clear. AES-256-GCM (NIST SP 800-38D): a random 96-bit nonce per value
 * and associated data binding the field, the key id and the private identity, so a sealed value copied to another
 * identity or field, or relabelled with another key id, does not open. New values are sealed under the active key;
 * values under any other key of the ring still open, until a rotation re-seals them under the active one.
 *
 * <p>Without any key (no active key) values are kept {@linkplain SealedSecret#CLEAR clear}: the HSS warns at
 * start-up, and a later rotation under a configured key seals them. Passwords are never kept without a key.
 * Thread-safe; neither a key nor a secret appears in a message or in toString.
 */
public final class Keyring {

    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    /** The id under which the deprecated {@code auth.password-key} joins the ring. */
    public static final String LEGACY_PASSWORD_KEY_ID = "password-key";

    /** Key ids: short, printable, no separator of the configuration syntax ({@code id:hex,id:hex}). */
    public static final String KEY_ID_PATTERN = "[A-Za-z0-9._-]{1,32}";

    public static final Keyring NONE = new Keyring(Map.of(), null);

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte[] AAD_LABEL = "imshss-secret/1".getBytes(StandardCharsets.US_ASCII);

    /** The secrets a private identity holds; the name is part of the associated data. */
    public enum Field {
        K, OPC, HA1, PASSWORD;

        final byte[] label = name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys AES-256 keys (32 octets each) by id; copied
     * @param activeKeyId the key new values are sealed under; null only when {@code keys} is empty
     */
    public Keyring(Map<String, byte[]> keys, String activeKeyId) {
        Map<String, SecretKeySpec> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (id == null || !id.matches(KEY_ID_PATTERN)) {
                throw new IllegalArgumentException("key ids must match " + KEY_ID_PATTERN);
            }
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " must be " + KEY_BYTES + " octets");
            }
            copy.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (activeKeyId == null ? !copy.isEmpty() : !copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key must be one of the keys " + copy.keySet());
        }
        this.keys = Map.copyOf(copy);
        this.activeKeyId = activeKeyId;
    }

    /** The id new values are sealed under, or null when there is no key (values kept clear). */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Whether new values are encrypted (a key is configured). */
    public boolean sealing() {
        return activeKeyId != null;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Seals a value under the active key, or keeps it clear without one; the caller may clear {@code plain}. */
    public SealedSecret seal(String impi, Field field, byte[] plain) {
        if (activeKeyId == null) {
            return new SealedSecret(SealedSecret.CLEAR, new byte[0], plain);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce);
            cipher.updateAAD(aad(field, activeKeyId, impi));
            return new SealedSecret(activeKeyId, nonce, cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Seals text as UTF-8. */
    public SealedSecret seal(String impi, Field field, String plain) {
        byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
        try {
            return seal(impi, field, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * @return the value (the caller should clear it after use)
     * @throws SecretUnavailableException if its key is not in the ring, or it does not open with that key for this
     *                                    identity and field (another key under the same id, altered, or moved)
     */
    public byte[] open(String impi, Field field, SealedSecret sealed) {
        if (sealed.clear()) {
            return sealed.ciphertext();
        }
        boolean legacy = sealed.keyId() == null;
        String keyId = legacy ? LEGACY_PASSWORD_KEY_ID : sealed.keyId();
        SecretKeySpec key = keys.get(keyId);
        if (key == null || legacy && field != Field.PASSWORD) {
            throw new SecretUnavailableException("the " + label(field) + " of " + impi + " is sealed under key '"
                    + keyId + "', which is not in the keyring " + keys.keySet());
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce());
            // Passwords sealed before key ids existed had the private identity alone as associated data.
            cipher.updateAAD(legacy ? impi.getBytes(StandardCharsets.UTF_8) : aad(field, keyId, impi));
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretUnavailableException("the " + label(field) + " of " + impi + " does not open under key '"
                    + keyId + "': a different key under that id, an altered value, or one sealed for another "
                    + "identity or field");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Opens text sealed as UTF-8. */
    public String openText(String impi, Field field, SealedSecret sealed) {
        byte[] bytes = open(impi, field, sealed);
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Whether the value is as this ring writes new ones: under the active key, or clear when there is none. */
    public boolean current(SealedSecret sealed) {
        return activeKeyId == null ? sealed.clear() : activeKeyId.equals(sealed.keyId());
    }

    /** The value under the active key; itself when it already is. */
    public SealedSecret reseal(String impi, Field field, SealedSecret sealed) {
        if (current(sealed)) {
            return sealed;
        }
        byte[] plain = open(impi, field, sealed);
        try {
            return seal(impi, field, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher;
    }

    /** label 0 field 0 key id 0 private identity: unambiguous, as no part but the last may hold a NUL. */
    private static byte[] aad(Field field, String keyId, String impi) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        byte[] identity = impi.getBytes(StandardCharsets.UTF_8);
        byte[] aad = new byte[AAD_LABEL.length + field.label.length + id.length + identity.length + 3];
        int at = 0;
        for (byte[] part : new byte[][] {AAD_LABEL, field.label, id, identity}) {
            System.arraycopy(part, 0, aad, at, part.length);
            at += part.length + 1;
        }
        return aad;
    }

    private static String label(Field field) {
        return field == Field.OPC ? "OPc" : field == Field.HA1 ? "HA1" : field == Field.K ? "K" : "password";
    }

    @Override
    public String toString() {
        return "Keyring[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }

    /** A stored secret that cannot be opened with this ring; the message names the identity, field and key id. */
    public static final class SecretUnavailableException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SecretUnavailableException(String message) {
            super(message);
        }
    }
}
