package org.imshss.hss.s6a;

/**
 * The PLMN identity of Visited-PLMN-Id (TS 29.272 7.3.9, coded as in TS 24.008 10.5.1.13): octet 1 MCC digit 2 |
 * MCC digit 1, octet 2 MNC digit 3 | MCC digit 3, octet 3 MNC digit 2 | MNC digit 1 (high nibble first as written);
 * a 2-digit MNC has 1111 as its third digit.
 */
final class Plmn {

    private static final int FILLER = 0xF;

    private Plmn() {
    }

    /** MCC followed by MNC digits (5 or 6), or null when the octets are not a PLMN identity. */
    static String decode(byte[] octets) {
        if (octets == null || octets.length != 3) {
            return null;
        }
        int[] mcc = {low(octets[0]), high(octets[0]), low(octets[1])};
        int mnc3 = high(octets[1]);
        int[] mnc = {low(octets[2]), high(octets[2])};
        StringBuilder digits = new StringBuilder(6);
        for (int digit : mcc) {
            if (digit > 9) {
                return null;
            }
            digits.append(digit);
        }
        for (int digit : mnc) {
            if (digit > 9) {
                return null;
            }
            digits.append(digit);
        }
        if (mnc3 != FILLER) {
            if (mnc3 > 9) {
                return null;
            }
            digits.append(mnc3);
        }
        return digits.toString();
    }

    private static int low(byte octet) {
        return octet & 0x0F;
    }

    private static int high(byte octet) {
        return (octet >> 4) & 0x0F;
    }
}
