package org.imshss.hss.sh;

import org.imshss.diameter.ResultCode;

/**
 * What the HSS answers to a PUR (TS 29.329 6.1.4); absent parts are null.
 *
 * @param serviceIndication with {@code sequenceNumber}: the Repository-Data-ID of the repository data written
 */
public record ProfileUpdateAnswer(ResultCode result, String wildcardedIdentity, String serviceIndication,
        Integer sequenceNumber) {

    static ProfileUpdateAnswer of(ResultCode result) {
        return new ProfileUpdateAnswer(result, null, null, null);
    }
}
