package org.imshss.provisioning.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * IMS-AKA subscriber keys (TS 35.206) as stored: K and OPc each sealed ({@link Keyring}); AMF, which is not secret,
 * as it is. OP is never kept once OPc is derived. {@link #toString()} never shows a key.
 */
public record AkaCredentials(SealedSecret k, SealedSecret opc, byte[] amf) {

    public AkaCredentials {
        if (k == null || opc == null) {
            throw new IllegalArgumentException("K and OPc are required");
        }
        if (amf == null || amf.length != 2) {
            throw new IllegalArgumentException("AMF must be 2 octets");
        }
        amf = amf.clone();
    }

    /** Seals K and OPc (16 octets each) for this private identity. */
    public static AkaCredentials seal(Keyring keyring, String impi, byte[] k, byte[] opc, byte[] amf) {
        if (k == null || k.length != 16) {
            throw new IllegalArgumentException("K must be 16 octets");
        }
        if (opc == null || opc.length != 16) {
            throw new IllegalArgumentException("OPc must be 16 octets");
        }
        return new AkaCredentials(keyring.seal(impi, Keyring.Field.K, k), keyring.seal(impi, Keyring.Field.OPC, opc),
                amf);
    }

    /** The same keys under the keyring's active key; this record when both already are. */
    public AkaCredentials resealed(Keyring keyring, String impi) {
        SealedSecret newK = keyring.reseal(impi, Keyring.Field.K, k);
        SealedSecret newOpc = keyring.reseal(impi, Keyring.Field.OPC, opc);
        return newK == k && newOpc == opc ? this : new AkaCredentials(newK, newOpc, amf);
    }

    @Override
    public byte[] amf() {
        return amf.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AkaCredentials other
                && k.equals(other.k) && opc.equals(other.opc) && Arrays.equals(amf, other.amf);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(k, opc) + Arrays.hashCode(amf);
    }

    @Override
    public String toString() {
        return "AkaCredentials[k=***, opc=***, amf=***]";
    }
}
