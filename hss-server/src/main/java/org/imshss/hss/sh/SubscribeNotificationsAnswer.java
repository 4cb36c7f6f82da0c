package org.imshss.hss.sh;

import java.time.Instant;
import org.imshss.diameter.ResultCode;

/**
 * What the HSS answers to an SNR (TS 29.329 6.1.6); absent parts are null.
 *
 * @param expiryTime the expiry the HSS granted
 */
public record SubscribeNotificationsAnswer(ResultCode result, String userData, Instant expiryTime,
        String wildcardedIdentity) {

    static SubscribeNotificationsAnswer of(ResultCode result) {
        return new SubscribeNotificationsAnswer(result, null, null, null);
    }
}
