package org.imshss.provisioning.model;

import java.io.Serializable;

/**
 * One AS subscription to changes of one Data-Reference of one identity (TS 29.328 6.1.4 Sh-Subs-Notif).
 * It is identified by (identity, AS host, Data-Reference, Service-Indication).
 *
 * @param userIdentity the Public-Identity the AS subscribed with, echoed in PNR User-Identity
 * @param serviceIndication the Service-Indication for RepositoryData, "" for other Data-References
 * @param serverName the AS's SIP URI from the SNR (InitialFilterCriteria), or null
 * @param expiresAtMillis when the HSS drops the subscription (epoch milliseconds)
 * @param oneTime One-Time-Notification: removed after the first notification
 */
public record ShSubscription(
        String userIdentity,
        String asHost,
        String asRealm,
        int dataReference,
        String serviceIndication,
        String serverName,
        long expiresAtMillis,
        boolean oneTime) implements Serializable {

    public boolean sameKey(ShSubscription other) {
        return asHost.equalsIgnoreCase(other.asHost) && dataReference == other.dataReference
                && serviceIndication.equals(other.serviceIndication);
    }

    public boolean expired(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }
}
