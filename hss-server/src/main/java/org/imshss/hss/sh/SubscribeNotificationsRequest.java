package org.imshss.hss.sh;

import java.time.Instant;
import java.util.List;
import org.imshss.diameter.UserIdentity;

/**
 * A decoded SNR (TS 29.329 6.1.5).
 *
 * @param subscribe Subs-Req-Type SUBSCRIBE (else UNSUBSCRIBE)
 * @param sendData Send-Data-Indication USER_DATA_REQUESTED
 * @param expiryTime the Expiry-Time the AS asks for, or null
 * @param oneTime One-Time-Notification ONE_TIME_NOTIFICATION_REQUESTED
 * @param dsaiTags the DSAI-Tags to watch; empty for every tag of the AS
 */
public record SubscribeNotificationsRequest(
        String originHost,
        String originRealm,
        UserIdentity userIdentity,
        String wildcardedIdentity,
        List<String> serviceIndications,
        boolean sendData,
        String serverName,
        boolean subscribe,
        List<Integer> dataReferences,
        List<IdentitySet> identitySets,
        Instant expiryTime,
        boolean oneTime,
        List<String> dsaiTags) {

    public SubscribeNotificationsRequest {
        serviceIndications = List.copyOf(serviceIndications);
        dataReferences = List.copyOf(dataReferences);
        identitySets = List.copyOf(identitySets);
        dsaiTags = List.copyOf(dsaiTags);
    }
}
