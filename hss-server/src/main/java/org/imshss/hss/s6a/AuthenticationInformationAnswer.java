package org.imshss.hss.s6a;

import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.ResultCode;

/**
 * What the HSS answers to an AIR (TS 29.272 7.2.6). The vectors of each kind are in the order of their Item-Number,
 * 1..n (7.3.23: lower numbers are used first).
 *
 * @param invalidAvp for 5004 DIAMETER_INVALID_AVP_VALUE, the AVP whose value is refused (for Failed-AVP); else null
 * @param invalidValue that AVP's value as received
 */
public record AuthenticationInformationAnswer(
        ResultCode result,
        List<AuthenticationVector.Eutran> eutran,
        List<AuthenticationVector.Utran> utran,
        Avp invalidAvp,
        byte[] invalidValue) {

    public AuthenticationInformationAnswer {
        eutran = List.copyOf(eutran);
        utran = List.copyOf(utran);
        invalidValue = invalidValue == null ? null : invalidValue.clone();
    }

    @Override
    public byte[] invalidValue() {
        return invalidValue == null ? null : invalidValue.clone();
    }

    static AuthenticationInformationAnswer of(ResultCode result) {
        return new AuthenticationInformationAnswer(result, List.of(), List.of(), null, null);
    }

    static AuthenticationInformationAnswer invalid(Avp avp, byte[] value) {
        return new AuthenticationInformationAnswer(ResultCode.DIAMETER_INVALID_AVP_VALUE, List.of(), List.of(), avp,
                value);
    }

    public boolean hasVectors() {
        return !eutran.isEmpty() || !utran.isEmpty();
    }
}
