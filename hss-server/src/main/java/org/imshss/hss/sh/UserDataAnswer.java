package org.imshss.hss.sh;

import org.imshss.diameter.ResultCode;

/** What the HSS answers to a UDR (TS 29.329 6.1.2); absent parts are null. */
public record UserDataAnswer(ResultCode result, String userData, String wildcardedIdentity) {

    static UserDataAnswer of(ResultCode result) {
        return new UserDataAnswer(result, null, null);
    }
}
