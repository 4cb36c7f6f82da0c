package org.imshss.hss.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key derivations on top of an AKA vector: the generic KDF of TS 33.220 Annex B, KASME for E-UTRAN (TS 33.401
 * A.2) and CK'/IK' for EAP-AKA' (TS 33.402 A.2). Every method returns a fresh array; callers clear key material when
 * done.
 */
public final class KeyDerivation {

    /** FC of the KASME derivation, TS 33.401 A.2. */
    public static final int FC_KASME = 0x10;
    /** FC of the CK'/IK' derivation, TS 33.402 A.2. */
    public static final int FC_CK_IK_PRIME = 0x20;
    /** The serving network identity is the 3-octet PLMN identity (MCC, MNC as in TS 24.008 10.5.1.13). */
    public static final int SN_ID_LENGTH = 3;
    public static final int KASME_LENGTH = 32;

    private static final int KEY_LENGTH = 16;
    private static final int MAX_PARAMETER_LENGTH = 0xffff;

    private KeyDerivation() {
    }

    /**
     * TS 33.220 B.2: HMAC-SHA-256(Key, S), S = FC ‖ P0 ‖ L0 ‖ P1 ‖ L1 ‖ …, each Li the length of Pi in octets as
     * two octets, most significant first.
     *
     * @param fc one octet, 0x10..0x3F for 3GPP use (B.2.2)
     */
    public static byte[] kdf(byte[] key, int fc, byte[]... parameters) {
        Objects.requireNonNull(key, "key");
        if (fc < 0 || fc > 0xff) {
            throw new IllegalArgumentException("FC is one octet");
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream(64);
        s.write(fc);
        for (byte[] p : parameters) {
            Objects.requireNonNull(p, "parameter");
            if (p.length > MAX_PARAMETER_LENGTH) {
                throw new IllegalArgumentException("a KDF parameter is at most 65535 octets");
            }
            s.writeBytes(p);
            s.write(p.length >>> 8);
            s.write(p.length & 0xff);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(s.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * KASME = KDF(CK ‖ IK, FC 0x10, P0 = SN id, P1 = SQN ⊕ AK), all 256 bits (TS 33.401 A.2).
     *
     * @param snId     the serving network's PLMN identity, 3 octets (on S6a: Visited-PLMN-Id, TS 29.272 7.3.9)
     * @param sqnXorAk the first 6 octets of AUTN
     */
    public static byte[] kasme(byte[] ck, byte[] ik, byte[] snId, byte[] sqnXorAk) {
        Octets.requireLength(snId, SN_ID_LENGTH, "SN id");
        Octets.requireLength(sqnXorAk, Octets.SQN_LENGTH, "SQN xor AK");
        byte[] key = ckIk(ck, ik);
        try {
            return kdf(key, FC_KASME, snId, sqnXorAk);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * CK' ‖ IK' = KDF(CK ‖ IK, FC 0x20, P0 = access network identity, P1 = SQN ⊕ AK); CK' is the first 128 bits,
     * IK' the last (TS 33.402 A.2).
     *
     * @param accessNetworkIdentity the ANID as in TS 24.302 8.1.1 (e.g. "WLAN"), UTF-8 octets
     */
    public static CkIkPrime ckIkPrime(byte[] ck, byte[] ik, String accessNetworkIdentity, byte[] sqnXorAk) {
        Objects.requireNonNull(accessNetworkIdentity, "access network identity");
        Octets.requireLength(sqnXorAk, Octets.SQN_LENGTH, "SQN xor AK");
        byte[] key = ckIk(ck, ik);
        byte[] out = kdf(key, FC_CK_IK_PRIME, accessNetworkIdentity.getBytes(StandardCharsets.UTF_8), sqnXorAk);
        try {
            return new CkIkPrime(Arrays.copyOfRange(out, 0, KEY_LENGTH), Arrays.copyOfRange(out, KEY_LENGTH, 32));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(out, (byte) 0);
        }
    }

    private static byte[] ckIk(byte[] ck, byte[] ik) {
        Octets.requireLength(ck, KEY_LENGTH, "CK");
        Octets.requireLength(ik, KEY_LENGTH, "IK");
        byte[] key = Arrays.copyOf(ck, 2 * KEY_LENGTH);
        System.arraycopy(ik, 0, key, KEY_LENGTH, KEY_LENGTH);
        return key;
    }

    /** CK' and IK' (16 octets each); arrays copied in and out, {@code toString} shows no values. */
    public record CkIkPrime(byte[] ckPrime, byte[] ikPrime) {

        public CkIkPrime {
            ckPrime = Octets.requireLength(ckPrime, KEY_LENGTH, "CK'").clone();
            ikPrime = Octets.requireLength(ikPrime, KEY_LENGTH, "IK'").clone();
        }

        @Override
        public byte[] ckPrime() {
            return ckPrime.clone();
        }

        @Override
        public byte[] ikPrime() {
            return ikPrime.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CkIkPrime other
                    && java.security.MessageDigest.isEqual(ckPrime, other.ckPrime)
                    && java.security.MessageDigest.isEqual(ikPrime, other.ikPrime);
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public String toString() {
            return "CkIkPrime[ckPrime=<redacted>, ikPrime=<redacted>]";
        }
    }
}
