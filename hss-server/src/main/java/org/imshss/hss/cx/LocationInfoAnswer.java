package org.imshss.hss.cx;

import org.imshss.diameter.ResultCode;

/**
 * What the HSS answers to a LIR (TS 29.229 6.1.6); absent parts are null.
 *
 * @param psiDirectRouting LIA-Flags bit 0: Server-Name is the AS hosting the PSI
 */
public record LocationInfoAnswer(
        ResultCode result,
        String serverName,
        ServerCapabilities capabilities,
        String wildcardedIdentity,
        boolean psiDirectRouting) {

    static LocationInfoAnswer of(ResultCode result) {
        return new LocationInfoAnswer(result, null, null, null, false);
    }
}
