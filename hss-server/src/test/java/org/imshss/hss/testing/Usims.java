package org.imshss.hss.testing;

import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.Usim;

/** Puts USIMs straight into a test HSS's grid, and points a private identity's AKA at one. */
public final class Usims {

    private Usims() {
    }

    /** A USIM with K and OPc sealed under {@code keyring} for its IMSI, as the HSS opens them. */
    public static Usim put(TestHss hss, Keyring keyring, String imsi, String subscriptionId, byte[] k, byte[] opc,
            byte[] amf, EpsSubscription eps) {
        Usim usim = new Usim(imsi, subscriptionId, AkaCredentials.seal(keyring, imsi, k, opc, amf), eps);
        hss.node().epsStore().putUsim(usim);
        return usim;
    }

    /** Rewrites a provisioned private identity so that it authenticates with this USIM's keys and SQN. */
    public static void useUsim(TestHss hss, String impi, String imsi) {
        PrivateIdentity current = hss.node().store().privateIdentity(impi).orElseThrow();
        AuthProfile auth = current.auth();
        hss.node().store().putPrivateIdentity(new PrivateIdentity(impi, current.subscriptionId(),
                current.publicIdentities(), new AuthProfile(auth.allowedSchemes(), auth.defaultScheme(), auth.digest(),
                        null, auth.lineIdentifier(), auth.ipAddress(), auth.cleartextPasswordAllowed(),
                        auth.sealedPassword(), imsi)));
    }
}
