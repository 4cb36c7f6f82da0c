package org.imshss.hss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/**
 * S6a requests as an MME sends them (TS 29.272 7.2.5), and checks of the vectors of an AIA written here from TS
 * 33.102, 33.401 A.2 and 33.220 B.2 with {@link ReferenceMilenage}, never with the server's code.
 */
public final class S6a {

    /** MCC 001, MNC 01 as Visited-PLMN-Id (TS 29.272 7.3.9, TS 24.008 10.5.1.13). */
    public static final byte[] PLMN_001_01 = {0x00, (byte) 0xf1, 0x10};

    private S6a() {
    }

    /** A Requested-*-Authentication-Info: the vector count (null leaves it out) and an optional RAND ‖ AUTS. */
    public record Wanted(Long vectors, boolean immediate, byte[] resync) {
        public static Wanted of(long vectors) {
            return new Wanted(vectors, true, null);
        }
    }

    /** An AIR; a null {@code plmn} leaves Visited-PLMN-Id out, a null {@code eutran}/{@code utranGeran} its group. */
    public static Answer air(DiameterTestPeer peer, String imsi, byte[] plmn, Wanted eutran, Wanted utranGeran)
            throws Exception {
        return peer.send(Command.AIR, body(imsi, plmn, eutran, utranGeran));
    }

    public static Consumer<AvpSet> body(String imsi, byte[] plmn, Wanted eutran, Wanted utranGeran) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, imsi);
            add(avps, Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO, eutran);
            add(avps, Avp.REQUESTED_UTRAN_GERAN_AUTHENTICATION_INFO, utranGeran);
            if (plmn != null) {
                Avps.addOctets(avps, Avp.VISITED_PLMN_ID, plmn);
            }
        };
    }

    private static void add(AvpSet avps, Avp group, Wanted wanted) {
        if (wanted == null) {
            return;
        }
        AvpSet info = Avps.addGrouped(avps, group);
        if (wanted.vectors() != null) {
            Avps.addUnsigned32(info, Avp.NUMBER_OF_REQUESTED_VECTORS, wanted.vectors());
        }
        if (wanted.immediate()) {
            Avps.addUnsigned32(info, Avp.IMMEDIATE_RESPONSE_PREFERRED, 0);
        }
        if (wanted.resync() != null) {
            Avps.addOctets(info, Avp.RE_SYNCHRONIZATION_INFO, wanted.resync());
        }
    }

    /**
     * Checks an E-UTRAN-Vector: AUTN with the expected AMF (separation bit set) and MAC-A, XRES, and KASME =
     * HMAC-SHA-256(CK ‖ IK, 0x10 ‖ SN id ‖ 00 03 ‖ SQN⊕AK ‖ 00 06).
     *
     * @return the SQN it carries
     */
    public static long verifyEutran(ReferenceMilenage milenage, AvpSet vector, byte[] amf, byte[] snId) {
        byte[] rand = Avps.octets(vector, Avp.RAND).orElseThrow();
        byte[] autn = Avps.octets(vector, Avp.AUTN).orElseThrow();
        ReferenceMilenage.Outputs out = checkAutn(milenage, rand, autn, amf);
        assertThat(Avps.octets(vector, Avp.XRES).orElseThrow()).as("XRES").isEqualTo(out.res());
        byte[] s = concat(new byte[] {0x10}, snId, new byte[] {0, 3}, Arrays.copyOf(autn, 6), new byte[] {0, 6});
        assertThat(Avps.octets(vector, Avp.KASME).orElseThrow()).as("KASME")
                .isEqualTo(hmacSha256(concat(out.ck(), out.ik()), s));
        return sqn(milenage, rand, autn);
    }

    /** Checks a UTRAN-Vector (quintuplet): AUTN, XRES, CK, IK. @return its SQN */
    public static long verifyUtran(ReferenceMilenage milenage, AvpSet vector, byte[] amf) {
        byte[] rand = Avps.octets(vector, Avp.RAND).orElseThrow();
        byte[] autn = Avps.octets(vector, Avp.AUTN).orElseThrow();
        ReferenceMilenage.Outputs out = checkAutn(milenage, rand, autn, amf);
        assertThat(Avps.octets(vector, Avp.XRES).orElseThrow()).as("XRES").isEqualTo(out.res());
        assertThat(Avps.octets(vector, Avp.CONFIDENTIALITY_KEY).orElseThrow()).as("CK").isEqualTo(out.ck());
        assertThat(Avps.octets(vector, Avp.INTEGRITY_KEY).orElseThrow()).as("IK").isEqualTo(out.ik());
        return sqn(milenage, rand, autn);
    }

    /** SQN = AUTN[0..5] xor f5(RAND). */
    public static long sqn(ReferenceMilenage milenage, byte[] rand, byte[] autn) {
        byte[] ak = milenage.compute(rand, new byte[6], new byte[2]).ak();
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = (value << 8) | ((autn[i] ^ ak[i]) & 0xff);
        }
        return value;
    }

    private static ReferenceMilenage.Outputs checkAutn(ReferenceMilenage milenage, byte[] rand, byte[] autn,
            byte[] amf) {
        assertThat(rand).hasSize(16);
        assertThat(autn).hasSize(16);
        byte[] sqn = AkaItems.sqnOctets(sqn(milenage, rand, autn));
        ReferenceMilenage.Outputs out = milenage.compute(rand, sqn, amf);
        assertThat(Arrays.copyOfRange(autn, 6, 8)).as("AMF").isEqualTo(amf);
        assertThat(Arrays.copyOfRange(autn, 8, 16)).as("MAC-A").isEqualTo(out.macA());
        return out;
    }

    /** RAND ‖ AUTS for SQN_MS, AUTS computed by the test's Milenage (TS 33.102 6.3.3). */
    public static byte[] resync(ReferenceMilenage milenage, byte[] rand, long sqnMs) {
        return concat(rand, milenage.auts(rand, AkaItems.sqnOctets(sqnMs)));
    }

    public static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int from = out.length;
            out = Arrays.copyOf(out, from + p.length);
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    /** HMAC-SHA-256 (the KDF of TS 33.220 B.2 is HMAC-SHA-256(Key, S)) from the platform's JCE. */
    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
