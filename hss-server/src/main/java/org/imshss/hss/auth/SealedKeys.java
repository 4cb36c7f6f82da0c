package org.imshss.hss.auth;

import java.util.Arrays;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.Keyring;

/**
 * Opens sealed AKA keys into a {@link Milenage} instance. The opened K and OPc are cleared as soon as the instance
 * holds them; Cx MAR, S6a AIR and SWx MAR all go through here.
 */
public final class SealedKeys {

    private SealedKeys() {
    }

    /**
     * @param label the identity the keys were sealed for: the private identity for its own keys, the IMSI for a
     *              USIM's ({@link org.imshss.provisioning.model.Usim})
     * @throws Keyring.SecretUnavailableException if K or OPc does not open under the keyring; its message names
     *                                            the identity and key id, never a key
     */
    public static Milenage milenage(Keyring keyring, String label, AkaCredentials credentials) {
        byte[] k = null;
        byte[] opc = null;
        try {
            k = keyring.open(label, Keyring.Field.K, credentials.k());
            opc = keyring.open(label, Keyring.Field.OPC, credentials.opc());
            return new Milenage(k, opc);
        } finally {
            clear(k);
            clear(opc);
        }
    }

    private static void clear(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
