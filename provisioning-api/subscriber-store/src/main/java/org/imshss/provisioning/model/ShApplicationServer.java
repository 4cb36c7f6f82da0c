package org.imshss.provisioning.model;

import java.util.Set;

/**
 * An application server allowed on Sh, with its per-Data-Reference permissions (TS 29.328 6.1: the HSS
 * checks that the AS may read, update or subscribe to the data it asks for). Data-References are the
 * values of the Data-Reference AVP (TS 29.329 6.3.4).
 *
 * @param diameterHost the AS's Diameter identity (Origin-Host of its requests, Destination-Host of PNR)
 * @param serverName the AS's SIP URI as iFCs name it (ApplicationServer/ServerName), or null
 * @param readable Data-References the AS may read (Sh-Pull, UDR)
 * @param updatable Data-References the AS may update (Sh-Update, PUR)
 * @param subscribable Data-References the AS may subscribe to (Sh-Subs-Notif, SNR)
 */
public record ShApplicationServer(
        String diameterHost,
        String serverName,
        Set<Integer> readable,
        Set<Integer> updatable,
        Set<Integer> subscribable) {

    public ShApplicationServer {
        readable = Set.copyOf(readable);
        updatable = Set.copyOf(updatable);
        subscribable = Set.copyOf(subscribable);
    }

    public boolean mayRead(int dataReference) {
        return readable.contains(dataReference);
    }

    public boolean mayUpdate(int dataReference) {
        return updatable.contains(dataReference);
    }

    public boolean maySubscribe(int dataReference) {
        return subscribable.contains(dataReference);
    }
}
