package org.imshss.hss.swx;

import org.imshss.diameter.ResultCode;

/**
 * What an SWx SAA carries (TS 29.273 8.1.2.2.2.1, table 8.1.2.2.2.1/2).
 *
 * @param userData the Non-3GPP-User-Data to send, or null
 * @param aaaServerName 3GPP-AAA-Server-Name: the registered server, with DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED
 * @param typeNotAllowed a Server-Assignment-Type SWx does not use: DIAMETER_INVALID_AVP_VALUE naming it
 */
public record RegistrationAnswer(ResultCode result, Non3gppProfile userData, String aaaServerName,
        boolean typeNotAllowed) {

    static RegistrationAnswer of(ResultCode result) {
        return new RegistrationAnswer(result, null, null, false);
    }
}
