package org.imshss.hss.auth;

/**
 * The AMF separation bit (TS 33.102 Annex H: bit 0, the most significant bit of the first AMF octet). A vector for
 * E-UTRAN (TS 33.401 6.1.1) or EAP-AKA' (TS 33.402 6.1, RFC 9048 3.3) has it set, so that the USIM's side can tell
 * it may not be used in UMTS; UMTS, IMS and plain EAP-AKA vectors have it cleared.
 */
public final class SeparationBit {

    private static final int MASK = 0x80;

    private SeparationBit() {
    }

    /** A copy of {@code amf} with the separation bit set. */
    public static byte[] set(byte[] amf) {
        byte[] out = Octets.requireLength(amf, Milenage.AMF_LENGTH, "AMF").clone();
        out[0] |= (byte) MASK;
        return out;
    }

    /** A copy of {@code amf} with the separation bit cleared. */
    public static byte[] cleared(byte[] amf) {
        byte[] out = Octets.requireLength(amf, Milenage.AMF_LENGTH, "AMF").clone();
        out[0] &= (byte) ~MASK;
        return out;
    }
}
