package org.imshss.provisioning.model;

import java.util.Arrays;

/**
 * IMS-AKA subscriber keys (TS 35.206): K, OPc (OP is never kept once OPc is derived) and AMF.
 * Arrays are copied in and out; {@link #toString()} never shows a key.
 */
public record AkaCredentials(byte[] k, byte[] opc, byte[] amf) {

    public AkaCredentials {
        if (k == null || k.length != 16) {
            throw new IllegalArgumentException("K must be 16 octets");
        }
        if (opc == null || opc.length != 16) {
            throw new IllegalArgumentException("OPc must be 16 octets");
        }
        if (amf == null || amf.length != 2) {
            throw new IllegalArgumentException("AMF must be 2 octets");
        }
        k = k.clone();
        opc = opc.clone();
        amf = amf.clone();
    }

    @Override
    public byte[] k() {
        return k.clone();
    }

    @Override
    public byte[] opc() {
        return opc.clone();
    }

    @Override
    public byte[] amf() {
        return amf.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AkaCredentials other
                && Arrays.equals(k, other.k) && Arrays.equals(opc, other.opc) && Arrays.equals(amf, other.amf);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(k) + Arrays.hashCode(opc)) + Arrays.hashCode(amf);
    }

    @Override
    public String toString() {
        return "AkaCredentials[k=***, opc=***, amf=***]";
    }
}
