package org.imshss.hss.swx;

import java.util.Arrays;

/**
 * One SIP-Auth-Data-Item of an SWx MAA (TS 29.273 8.2.3.9): SIP-Authenticate = RAND ‖ AUTN, SIP-Authorization =
 * XRES, Confidentiality-Key and Integrity-Key = CK and IK for EAP-AKA, CK' and IK' for EAP-AKA' (TS 33.402 6.2).
 * Arrays are copied in and out; {@code toString} shows none of them.
 */
public record AuthenticationItem(String scheme, byte[] rand, byte[] autn, byte[] xres, byte[] ck, byte[] ik) {

    public AuthenticationItem {
        rand = rand.clone();
        autn = autn.clone();
        xres = xres.clone();
        ck = ck.clone();
        ik = ik.clone();
    }

    /** SIP-Authenticate: RAND ‖ AUTN. */
    public byte[] sipAuthenticate() {
        byte[] out = Arrays.copyOf(rand, rand.length + autn.length);
        System.arraycopy(autn, 0, out, rand.length, autn.length);
        return out;
    }

    @Override
    public byte[] rand() {
        return rand.clone();
    }

    @Override
    public byte[] autn() {
        return autn.clone();
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
    public boolean equals(Object o) {
        return o instanceof AuthenticationItem other && scheme.equals(other.scheme)
                && java.security.MessageDigest.isEqual(sipAuthenticate(), other.sipAuthenticate());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rand);
    }

    @Override
    public String toString() {
        return "AuthenticationItem[scheme=" + scheme + ", ***]";
    }
}
