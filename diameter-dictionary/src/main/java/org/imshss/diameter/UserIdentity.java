package org.imshss.diameter;

/**
 * The User-Identity of an Sh request (TS 29.329 6.3.1): a Public-Identity or an MSISDN.
 *
 * @param publicIdentity the IMPU or PSI, or null
 * @param msisdn the E.164 digits decoded from the TBCD MSISDN AVP, or null
 */
public record UserIdentity(String publicIdentity, String msisdn) {

    public static UserIdentity of(String publicIdentity) {
        return new UserIdentity(publicIdentity, null);
    }

    public static UserIdentity ofMsisdn(String msisdn) {
        return new UserIdentity(null, msisdn);
    }

    /**
     * The User-Identity of a decoded request: exactly one of Public-Identity and MSISDN (TS 29.329 6.3.1), both
     * fields null when it holds neither (an External-Identifier, not an IMS identity). Missing: 5005; both: 5009
     * with the MSISDN; an MSISDN that is not TBCD digits: 5004.
     */
    public static UserIdentity from(AvpGroup request) {
        AvpGroup group = request.group(Avp.USER_IDENTITY);
        if (group == null) {
            throw AvpDecodeException.missing(Avp.USER_IDENTITY);
        }
        String publicIdentity = group.utf8(Avp.PUBLIC_IDENTITY);
        byte[] msisdn = group.octets(Avp.MSISDN);
        if (publicIdentity != null && msisdn != null) {
            throw AvpDecodeException.of(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, Avp.MSISDN, msisdn,
                    "User-Identity holds both Public-Identity and MSISDN");
        }
        if (publicIdentity != null) {
            return of(publicIdentity);
        }
        if (msisdn != null) {
            String digits = decodeTbcd(msisdn);
            if (digits == null) {
                throw AvpDecodeException.invalidValue(Avp.MSISDN, msisdn, "MSISDN is not TBCD-encoded digits");
            }
            return ofMsisdn(digits);
        }
        return new UserIdentity(null, null);
    }

    /**
     * Decodes TBCD (TS 29.002 TBCD-STRING, as TS 29.329 6.3.2 refers to): two digits per octet, the first
     * in the low nibble, 0xF filling the last high nibble.
     *
     * @return null when an octet holds something else than a digit or the final filler
     */
    public static String decodeTbcd(byte[] tbcd) {
        StringBuilder digits = new StringBuilder(tbcd.length * 2);
        for (int i = 0; i < tbcd.length; i++) {
            int low = tbcd[i] & 0x0F;
            int high = (tbcd[i] >> 4) & 0x0F;
            if (low > 9) {
                return null;
            }
            digits.append((char) ('0' + low));
            if (high == 0x0F && i == tbcd.length - 1) {
                break;
            }
            if (high > 9) {
                return null;
            }
            digits.append((char) ('0' + high));
        }
        return digits.isEmpty() ? null : digits.toString();
    }

    /** The inverse of {@link #decodeTbcd}. */
    public static byte[] encodeTbcd(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i += 2) {
            int low = digits.charAt(i) - '0';
            int high = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0x0F;
            out[i / 2] = (byte) ((high << 4) | low);
        }
        return out;
    }
}
