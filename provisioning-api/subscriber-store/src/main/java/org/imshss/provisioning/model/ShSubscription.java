package org.imshss.provisioning.model;

import java.io.Serializable;
import java.util.List;

/**
 * One AS subscription to changes of one Data-Reference of one identity (TS 29.328 6.1.4 Sh-Subs-Notif).
 * It is identified by (identity, AS host, Data-Reference, Service-Indication).
 *
 * @param userIdentity the Public-Identity the AS subscribed with, echoed in PNR User-Identity
 * @param serviceIndication the Service-Indication for RepositoryData; for DSAI the DSAI-Tag, or "" for every tag
 *                          of the AS; "" for other Data-References
 * @param serverName the AS's SIP URI from the SNR (InitialFilterCriteria), or null
 * @param expiresAtMillis when the HSS drops the subscription (epoch milliseconds)
 * @param oneTime One-Time-Notification: removed after the first notification
 * @param identitySets the Identity-Set values of the SNR (IMSPublicIdentity), empty for all identities
 */
public record ShSubscription(
        String userIdentity,
        String asHost,
        String asRealm,
        int dataReference,
        String serviceIndication,
        String serverName,
        long expiresAtMillis,
        boolean oneTime,
        List<Integer> identitySets) implements Serializable {

    public ShSubscription {
        identitySets = identitySets == null ? List.of() : List.copyOf(identitySets);
    }

    public boolean sameKey(ShSubscription other) {
        return asHost.equalsIgnoreCase(other.asHost) && dataReference == other.dataReference
                && serviceIndication.equals(other.serviceIndication);
    }

    public boolean expired(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }
}
