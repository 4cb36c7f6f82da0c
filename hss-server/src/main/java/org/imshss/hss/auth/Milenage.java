package org.imshss.hss.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Milenage algorithm set f1, f1*, f2, f3, f4, f5, f5* (TS 35.206 clause 4) for one subscriber.
 *
 * <p>Built from K and OPc; OP itself is never needed at run time ({@link #opc(byte[], byte[])} derives OPc
 * once, e.g. at provisioning). K is held only inside the AES key schedule of a private {@link Cipher}.
 *
 * <p>Threading: each instance owns one {@code Cipher} (not thread-safe, and {@code Cipher.getInstance} is too
 * slow to call per block), and serialises block encryptions on it. Instances are therefore safe to share, but
 * the intended use is one short-lived instance per request, which never contends.
 */
public final class Milenage {

    public static final int KEY_LENGTH = 16;
    public static final int RAND_LENGTH = 16;
    public static final int SQN_LENGTH = Octets.SQN_LENGTH;
    public static final int AMF_LENGTH = 2;
    public static final int MAC_LENGTH = 8;

    private static final int BLOCK = 16;

    // TS 35.206 4.1: rotation amounts r2..r5 in bits and the last octet of constants c2..c5 (c1 = 0, r1 = 64).
    private static final int R1 = 64;
    private static final int R2 = 0;
    private static final int R3 = 32;
    private static final int R4 = 64;
    private static final int R5 = 96;
    private static final byte C2 = 1;
    private static final byte C3 = 2;
    private static final byte C4 = 4;
    private static final byte C5 = 8;

    private final Cipher aes;
    private final byte[] opc;

    /**
     * @param k   subscriber key K, 16 octets
     * @param opc operator variant OPc, 16 octets
     */
    public Milenage(byte[] k, byte[] opc) {
        Octets.requireLength(k, KEY_LENGTH, "K");
        Octets.requireLength(opc, KEY_LENGTH, "OPc");
        this.aes = newAes(k);
        this.opc = opc.clone();
    }

    /** Convenience for subscribers provisioned with OP rather than OPc. */
    public static Milenage fromOp(byte[] k, byte[] op) {
        return new Milenage(k, opc(k, op));
    }

    /** OPc = OP xor E_K(OP) (TS 35.206 4.1). */
    public static byte[] opc(byte[] k, byte[] op) {
        Octets.requireLength(k, KEY_LENGTH, "K");
        Octets.requireLength(op, KEY_LENGTH, "OP");
        return Octets.xor(encrypt(newAes(k), op), op);
    }

    /** f1: network authentication code MAC-A, 8 octets. */
    public byte[] f1(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(temp(rand), sqn, amf), 0, MAC_LENGTH);
    }

    /** f1*: resynchronisation authentication code MAC-S, 8 octets. */
    public byte[] f1star(byte[] rand, byte[] sqn, byte[] amf) {
        return f1starFromTemp(temp(rand), sqn, amf);
    }

    /** f2, f3, f4 and f5 together, since they share TEMP = E_K(RAND xor OPc). */
    public F2345 f2345(byte[] rand) {
        return f2345FromTemp(temp(rand));
    }

    /** f5*: resynchronisation anonymity key AK*, 6 octets. */
    public byte[] f5star(byte[] rand) {
        return f5starFromTemp(temp(rand));
    }

    /** TEMP = E_K(RAND xor OPc); exposed to the package so vector and AUTS code compute it once per RAND. */
    byte[] temp(byte[] rand) {
        Octets.requireLength(rand, RAND_LENGTH, "RAND");
        return encrypt(Octets.xor(rand, opc));
    }

    byte[] f1FromTemp(byte[] temp, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(temp, sqn, amf), 0, MAC_LENGTH);
    }

    byte[] f1starFromTemp(byte[] temp, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(temp, sqn, amf), MAC_LENGTH, BLOCK);
    }

    F2345 f2345FromTemp(byte[] temp) {
        byte[] out2 = outN(temp, R2, C2);
        return new F2345(
                Arrays.copyOfRange(out2, 8, BLOCK),
                outN(temp, R3, C3),
                outN(temp, R4, C4),
                Arrays.copyOfRange(out2, 0, SQN_LENGTH));
    }

    byte[] f5starFromTemp(byte[] temp) {
        return Arrays.copyOfRange(outN(temp, R5, C5), 0, SQN_LENGTH);
    }

    /** OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, IN1 = SQN||AMF||SQN||AMF; c1 is zero. */
    private byte[] out1(byte[] temp, byte[] sqn, byte[] amf) {
        Octets.requireLength(sqn, SQN_LENGTH, "SQN");
        Octets.requireLength(amf, AMF_LENGTH, "AMF");
        byte[] in1 = new byte[BLOCK];
        System.arraycopy(sqn, 0, in1, 0, SQN_LENGTH);
        System.arraycopy(amf, 0, in1, SQN_LENGTH, AMF_LENGTH);
        System.arraycopy(in1, 0, in1, 8, 8);
        byte[] x = rotate(Octets.xor(in1, opc), R1);
        for (int i = 0; i < BLOCK; i++) {
            x[i] ^= temp[i];
        }
        return Octets.xor(encrypt(x), opc);
    }

    /** OUTn = E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc for n = 2..5; every cn has its only set bits in the last octet. */
    private byte[] outN(byte[] temp, int rotationBits, byte constant) {
        byte[] x = rotate(Octets.xor(temp, opc), rotationBits);
        x[BLOCK - 1] ^= constant;
        return Octets.xor(encrypt(x), opc);
    }

    /** Cyclic left rotation towards the MSB; all Milenage rotations are whole octets. */
    private static byte[] rotate(byte[] x, int bits) {
        int shift = bits / 8;
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            out[i] = x[(i + shift) % BLOCK];
        }
        return out;
    }

    private byte[] encrypt(byte[] block) {
        synchronized (aes) {
            return encrypt(aes, block);
        }
    }

    private static byte[] encrypt(Cipher cipher, byte[] block) {
        try {
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
    }

    private static Cipher newAes(byte[] k) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available", e);
        }
    }

    /** Never reveals K or OPc. */
    @Override
    public String toString() {
        return "Milenage[K=<redacted>, OPc=<redacted>]";
    }

    /**
     * Outputs of f2 (RES, 8 octets), f3 (CK, 16), f4 (IK, 16) and f5 (AK, 6) for one RAND. Arrays are copied in
     * and out; {@code toString} shows no values.
     */
    public record F2345(byte[] res, byte[] ck, byte[] ik, byte[] ak) {

        public F2345 {
            res = Octets.requireLength(res, 8, "RES").clone();
            ck = Octets.requireLength(ck, 16, "CK").clone();
            ik = Octets.requireLength(ik, 16, "IK").clone();
            ak = Octets.requireLength(ak, SQN_LENGTH, "AK").clone();
        }

        @Override
        public byte[] res() {
            return res.clone();
        }

        @Override
        public byte[] ck() {
            return ck.clone();
        }

        @Override
        public byte[] ik() {
            return ik.clone();
        }

        @Override
        public byte[] ak() {
            return ak.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof F2345 other
                    && MessageDigest.isEqual(res, other.res)
                    && MessageDigest.isEqual(ck, other.ck)
                    && MessageDigest.isEqual(ik, other.ik)
                    && MessageDigest.isEqual(ak, other.ak);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(res);
        }

        @Override
        public String toString() {
            return "F2345[res=<redacted>, ck=<redacted>, ik=<redacted>, ak=<redacted>]";
        }
    }
}
