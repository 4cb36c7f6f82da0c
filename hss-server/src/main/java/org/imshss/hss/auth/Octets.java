package org.imshss.hss.auth;

import java.util.Objects;

/** Package-private octet-string helpers shared by the auth classes. */
final class Octets {

    /** SQN, AK and AK* are 48-bit quantities (TS 33.102 6.3.2). */
    static final int SQN_LENGTH = 6;
    static final long MAX_SQN = (1L << 48) - 1;

    private Octets() {
    }

    /** Null and length check; messages name the field but never echo its value, which may be key material. */
    static byte[] requireLength(byte[] value, int length, String field) {
        Objects.requireNonNull(value, field);
        if (value.length != length) {
            throw new IllegalArgumentException(field + " must be " + length + " octets, got " + value.length);
        }
        return value;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static long requireSqn(long sqn, String field) {
        if (sqn < 0 || sqn > MAX_SQN) {
            throw new IllegalArgumentException(field + " must be a 48-bit unsigned value");
        }
        return sqn;
    }

    /** Big-endian 6-octet encoding, the bit order Milenage and AUTN/AUTS use. */
    static byte[] sqnToOctets(long sqn) {
        requireSqn(sqn, "SQN");
        byte[] out = new byte[SQN_LENGTH];
        for (int i = SQN_LENGTH - 1; i >= 0; i--) {
            out[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return out;
    }

    static long sqnFromOctets(byte[] octets) {
        requireLength(octets, SQN_LENGTH, "SQN");
        long sqn = 0;
        for (byte b : octets) {
            sqn = (sqn << 8) | (b & 0xff);
        }
        return sqn;
    }
}
