package org.imshss.hss.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * One IMS-AKA authentication vector (TS 33.203 6.1.1, TS 33.102 6.3.2) as carried in one SIP-Auth-Data-Item of
 * an MAA (TS 29.229 6.3.13 ff.): SIP-Authenticate = RAND‖AUTN, SIP-Authorization = XRES,
 * Confidentiality-Key = CK, Integrity-Key = IK.
 *
 * <p>Arrays are copied in and out so a vector cannot be altered after construction; {@code toString} shows
 * no values because every field is either secret (XRES, CK, IK) or usable for replay analysis.
 */
public record AkaVector(byte[] rand, byte[] xres, byte[] ck, byte[] ik, byte[] autn) {

    public static final int AUTN_LENGTH = 16;

    /** XRES may be 4..16 octets (TS 33.102 6.3.7); Milenage produces 8. */
    public AkaVector {
        rand = Octets.requireLength(rand, Milenage.RAND_LENGTH, "RAND").clone();
        Objects.requireNonNull(xres, "XRES");
        if (xres.length < 4 || xres.length > 16) {
            throw new IllegalArgumentException("XRES must be 4..16 octets, got " + xres.length);
        }
        xres = xres.clone();
        ck = Octets.requireLength(ck, 16, "CK").clone();
        ik = Octets.requireLength(ik, 16, "IK").clone();
        autn = Octets.requireLength(autn, AUTN_LENGTH, "AUTN").clone();
    }

    @Override
    public byte[] rand() {
        return rand.clone();
    }

    @Override
    public byte[] xres() {
        return xres.clone();
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
    public byte[] autn() {
        return autn.clone();
    }

    /** Value of the SIP-Authenticate AVP (609): RAND‖AUTN, 32 raw octets (the S-CSCF base64-encodes it as nonce). */
    public byte[] sipAuthenticate() {
        byte[] out = Arrays.copyOf(rand, rand.length + autn.length);
        System.arraycopy(autn, 0, out, rand.length, autn.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AkaVector other
                && MessageDigest.isEqual(rand, other.rand)
                && MessageDigest.isEqual(xres, other.xres)
                && MessageDigest.isEqual(ck, other.ck)
                && MessageDigest.isEqual(ik, other.ik)
                && MessageDigest.isEqual(autn, other.autn);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rand);
    }

    @Override
    public String toString() {
        return "AkaVector[rand=<redacted>, xres=<redacted>, ck=<redacted>, ik=<redacted>, autn=<redacted>]";
    }
}
