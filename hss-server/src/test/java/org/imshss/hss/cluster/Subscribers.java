package org.imshss.hss.cluster;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.imshss.hss.testing.ReferenceMilenage;

/**
 * The numbered subscribers of the cluster tests: one IMPI with SIP Digest and IMS-AKA credentials (a K of its own)
 * and one public identity, provisioned as NDJSON lines of the bulk import.
 */
final class Subscribers {

    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    private Subscribers() {
    }

    static String id(String prefix, int i) {
        return prefix + String.format("%06d", i);
    }

    static String impi(String prefix, int i) {
        return id(prefix, i) + "@ims.example.org";
    }

    static String impu(String prefix, int i) {
        return "sip:" + impi(prefix, i);
    }

    static String k(int i) {
        return String.format("%032x", 0x5eedL * 1_000_003L + i);
    }

    static ReferenceMilenage milenage(int i) {
        return new ReferenceMilenage(HexFormat.of().parseHex(k(i)), HexFormat.of().parseHex(OPC));
    }

    static String line(String prefix, int i) {
        String id = id(prefix, i);
        return "{\"id\": \"" + id + "\", \"allowedVisitedNetworks\": [\"ims.example.org\"], "
                + "\"chargingInformation\": \"default\", "
                + "\"privateIdentities\": [{\"impi\": \"" + impi(prefix, i) + "\", \"password\": \"pw-" + i + "\", "
                + "\"k\": \"" + k(i) + "\", \"opc\": \"" + OPC + "\", \"amf\": \"8000\", "
                + "\"authSchemes\": [\"SIP Digest\", \"Digest-AKAv1-MD5\"], \"defaultScheme\": \"SIP Digest\", "
                + "\"publicIdentities\": [\"" + impu(prefix, i) + "\"]}], "
                + "\"implicitRegistrationSets\": [[\"" + impu(prefix, i) + "\"]], "
                + "\"publicIdentities\": [{\"identity\": \"" + impu(prefix, i) + "\", \"serviceProfile\": \"default\"}]}";
    }

    static String ndjson(String prefix, int from, int to) {
        StringBuilder out = new StringBuilder((to - from) * 520);
        for (int i = from; i < to; i++) {
            out.append(line(prefix, i)).append('\n');
        }
        return out.toString();
    }

    static byte[] ndjsonBytes(String prefix, int from, int to) {
        return ndjson(prefix, from, to).getBytes(StandardCharsets.UTF_8);
    }
}
