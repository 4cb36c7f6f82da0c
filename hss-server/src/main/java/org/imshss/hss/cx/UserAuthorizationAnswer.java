package org.imshss.hss.cx;

import org.imshss.diameter.ResultCode;

/** What the HSS answers to a UAR (TS 29.229 6.1.2); absent parts are null. */
public record UserAuthorizationAnswer(ResultCode result, String serverName, ServerCapabilities capabilities) {

    static UserAuthorizationAnswer of(ResultCode result) {
        return new UserAuthorizationAnswer(result, null, null);
    }
}
