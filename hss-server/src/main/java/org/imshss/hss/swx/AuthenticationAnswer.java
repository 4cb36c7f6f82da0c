package org.imshss.hss.swx;

import java.util.List;
import org.imshss.diameter.ResultCode;

/**
 * What an SWx MAA carries (TS 29.273 8.1.2.1.1, table 8.1.2.1.1/2).
 *
 * @param items the vectors, numbered 1..n in this order
 * @param aaaServerName 3GPP-AAA-Server-Name: the registered server, with DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED
 * @param missingAccessNetworkIdentity an EAP-AKA' request without ANID: DIAMETER_MISSING_AVP naming ANID
 */
public record AuthenticationAnswer(ResultCode result, List<AuthenticationItem> items, String aaaServerName,
        boolean missingAccessNetworkIdentity) {

    public AuthenticationAnswer {
        items = List.copyOf(items);
    }

    static AuthenticationAnswer of(ResultCode result) {
        return new AuthenticationAnswer(result, List.of(), null, false);
    }
}
