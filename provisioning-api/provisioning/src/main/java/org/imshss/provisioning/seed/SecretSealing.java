package org.imshss.provisioning.seed;

import java.util.Arrays;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.SealedSecret;

/**
 * The one place where the secrets of a provisioned private identity are sealed with the {@link Keyring}: the
 * checked clear values of a document in one step, and stored credentials a document keeps, re-sealed under the
 * active key.
 */
final class SecretSealing {

    private final Keyring sealer;

    SecretSealing(Keyring sealer) {
        this.sealer = sealer;
    }

    /** Whether a password may be kept: only encrypted, so only with a key. */
    boolean sealing() {
        return sealer.sealing();
    }

    /** IMS-AKA secrets in the clear (TS 33.102 6.3.2), wiped once sealed. */
    record ClearAka(byte[] k, byte[] opc, byte[] amf) {
    }

    /**
     * The checked clear secrets of one private identity; a null part is absent.
     *
     * @param ha1 H(A1) as lower-case hex, under {@code realm}
     */
    record Clear(String realm, String ha1, ClearAka aka, String password) {
    }

    record Sealed(DigestCredentials digest, AkaCredentials aka, SealedSecret password) {
    }

    Sealed seal(String impi, Clear clear) {
        DigestCredentials digest = clear.ha1() == null ? null
                : DigestCredentials.seal(sealer, impi, clear.realm(), clear.ha1());
        AkaCredentials aka = null;
        if (clear.aka() != null) {
            try {
                aka = AkaCredentials.seal(sealer, impi, clear.aka().k(), clear.aka().opc(), clear.aka().amf());
            } finally {
                Arrays.fill(clear.aka().k(), (byte) 0);
                Arrays.fill(clear.aka().opc(), (byte) 0);
            }
        }
        SealedSecret password = clear.password() == null ? null
                : sealer.seal(impi, Keyring.Field.PASSWORD, clear.password());
        return new Sealed(digest, aka, password);
    }

    /**
     * Kept credentials under the active key: a write never puts back a value under an older key that a rotation
     * running meanwhile has just re-sealed.
     */
    SeedLoader.KeptCredentials current(SeedLoader.KeptCredentials kept, String impi) {
        return new SeedLoader.KeptCredentials(
                kept.digest() == null ? null : kept.digest().resealed(sealer, impi),
                kept.aka() == null ? null : kept.aka().resealed(sealer, impi),
                kept.sealedPassword() == null || !sealer.sealing() ? kept.sealedPassword()
                        : sealer.reseal(impi, Keyring.Field.PASSWORD, kept.sealedPassword()));
    }
}
