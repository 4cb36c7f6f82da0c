package org.imshss.hss.testing;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second Milenage, written for the tests straight from TS 35.206 section 4.1 and sharing no code with the
 * server's, so a mistake in one is caught by the other. Values are big-endian octet arrays; rotations are
 * cyclic towards the most significant bit. Checked against TS 35.208 by ReferenceMilenageTest.
 */
public final class ReferenceMilenage {

    /** c1..c5 of TS 35.206 4.1: c1 = 0, c2 = ..01, c3 = ..02, c4 = ..04, c5 = ..08. */
    private static final int[] C_LAST_OCTET = {0x00, 0x01, 0x02, 0x04, 0x08};
    /** r1..r5 in bits. */
    private static final int[] R_BITS = {64, 0, 32, 64, 96};

    private final byte[] k;
    private final byte[] opc;

    public ReferenceMilenage(byte[] k, byte[] opc) {
        this.k = k.clone();
        this.opc = opc.clone();
    }

    /** OPc = OP xor E_K(OP). */
    public static ReferenceMilenage withOp(byte[] k, byte[] op) {
        return new ReferenceMilenage(k, xor(aes(k, op), op));
    }

    public byte[] opc() {
        return opc.clone();
    }

    /** The outputs of f1..f5* for one RAND (and SQN, AMF for f1/f1*). */
    public record Outputs(byte[] macA, byte[] macS, byte[] res, byte[] ck, byte[] ik, byte[] ak, byte[] akStar) {
    }

    public Outputs compute(byte[] rand, byte[] sqn, byte[] amf) {
        byte[] temp = aes(k, xor(rand, opc));
        byte[] in1 = new byte[16];
        System.arraycopy(sqn, 0, in1, 0, 6);
        System.arraycopy(amf, 0, in1, 6, 2);
        System.arraycopy(sqn, 0, in1, 8, 6);
        System.arraycopy(amf, 0, in1, 14, 2);
        // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc
        byte[] out1 = xor(aes(k, xor(xor(temp, rotate(xor(in1, opc), R_BITS[0])), c(0))), opc);
        byte[][] out = new byte[6][];
        for (int i = 2; i <= 5; i++) {
            // OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc
            out[i] = xor(aes(k, xor(rotate(xor(temp, opc), R_BITS[i - 1]), c(i - 1))), opc);
        }
        return new Outputs(slice(out1, 0, 8), slice(out1, 8, 16), slice(out[2], 8, 16), out[3], out[4],
                slice(out[2], 0, 6), slice(out[5], 0, 6));
    }

    /** AUTN = (SQN xor AK) ‖ AMF ‖ MAC-A (TS 33.102 6.3.2). */
    public byte[] autn(byte[] rand, byte[] sqn, byte[] amf) {
        Outputs o = compute(rand, sqn, amf);
        byte[] autn = new byte[16];
        byte[] concealed = xor(sqn, o.ak());
        System.arraycopy(concealed, 0, autn, 0, 6);
        System.arraycopy(amf, 0, autn, 6, 2);
        System.arraycopy(o.macA(), 0, autn, 8, 8);
        return autn;
    }

    /** AUTS = (SQN_MS xor AK*) ‖ MAC-S, with MAC-S = f1*(SQN_MS, RAND, AMF = 0000) (TS 33.102 6.3.3). */
    public byte[] auts(byte[] rand, byte[] sqnMs) {
        Outputs o = compute(rand, sqnMs, new byte[2]);
        byte[] auts = new byte[14];
        System.arraycopy(xor(sqnMs, o.akStar()), 0, auts, 0, 6);
        System.arraycopy(o.macS(), 0, auts, 6, 8);
        return auts;
    }

    private static byte[] c(int index) {
        byte[] c = new byte[16];
        c[15] = (byte) C_LAST_OCTET[index];
        return c;
    }

    /** Cyclic left rotation of a 128-bit value by {@code bits}, towards the most significant bit. */
    static byte[] rotate(byte[] x, int bits) {
        byte[] out = new byte[16];
        for (int i = 0; i < 128; i++) {
            int from = (i + bits) % 128;
            int bit = (x[from / 8] >> (7 - from % 8)) & 1;
            out[i / 8] |= (byte) (bit << (7 - i % 8));
        }
        return out;
    }

    private static byte[] aes(byte[] key, byte[] block) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[Math.min(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] slice(byte[] a, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }
}
