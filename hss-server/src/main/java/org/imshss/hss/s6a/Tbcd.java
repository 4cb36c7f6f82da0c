package org.imshss.hss.s6a;

/**
 * TBCD strings (TS 29.002 TBCD-STRING, used by MSISDN and A-MSISDN on S6a, TS 29.329 6.3.2): two digits an octet,
 * the first in bits 4-1 and the second in bits 8-5, an odd count padded with 1111; no nature-of-address octet.
 */
final class Tbcd {

    private Tbcd() {
    }

    /** @param number E.164 digits (a leading "+" is dropped) */
    static byte[] encode(String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 10);
            if (digit < 0) {
                throw new IllegalArgumentException("an MSISDN is digits only");
            }
            out[i / 2] |= (byte) (i % 2 == 0 ? digit : digit << 4);
        }
        if (digits.length() % 2 == 1) {
            out[out.length - 1] |= (byte) 0xF0;
        }
        return out;
    }
}
