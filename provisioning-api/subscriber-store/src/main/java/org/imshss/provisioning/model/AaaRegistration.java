package org.imshss.provisioning.model;

/**
 * The 3GPP AAA server of a USIM on SWx (TS 29.273 8.1.2.1, 8.1.2.2; TS 23.402 12.2): the server that last fetched
 * authentication vectors for it, and whether it has registered itself for the USIM (SAR REGISTRATION). One grid
 * entry per IMSI, changed only by atomic updates, so two AAA servers claiming one USIM at once leave exactly one of
 * them stored.
 *
 * @param host the AAA server's Diameter identity (Origin-Host): 3GPP-AAA-Server-Name, where RTR and PPR go
 * @param realm its Origin-Realm
 * @param registered whether the server registered (SAR REGISTRATION); false while it only authenticates
 * @param updatedMillis when the entry was last written
 */
public record AaaRegistration(String host, String realm, boolean registered, long updatedMillis) {

    public AaaRegistration {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("an AAA server registration names the server");
        }
    }

    /** Whether this names the same server, compared as Diameter identities are (without regard to case). */
    public boolean isServer(String otherHost) {
        return host.equalsIgnoreCase(otherHost);
    }
}
