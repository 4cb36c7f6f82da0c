package org.imshss.hss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/**
 * SWx requests as a 3GPP AAA server sends them (TS 29.273 8.2.2), and checks of the vectors of an MAA written here
 * from TS 33.102, TS 33.402 A.2 and TS 33.220 B.2 with {@link ReferenceMilenage}, never with the server's code.
 */
public final class Swx {

    public static final String EAP_AKA = "EAP-AKA";
    public static final String EAP_AKA_PRIME = "EAP-AKA'";

    private Swx() {
    }

    /** An AAA server of the test realm, speaking SWx, connected to this HSS. */
    public static DiameterTestPeer aaa(TestHss hss, String originHost) throws Exception {
        return DiameterTestPeer.connect(Application.SWX, originHost, TestHss.REALM, TestHss.freePort(),
                TestHss.HOST, hss.port());
    }

    /** An MAR; {@code anid} and {@code resync} (RAND ‖ AUTS) are left out when null; {@code extra} adds AVPs. */
    public static Answer mar(DiameterTestPeer peer, String userName, String scheme, long items, String anid,
            byte[] resync, Consumer<AvpSet> extra) throws Exception {
        return peer.send(Command.SWX_MAR, marBody(userName, scheme, items, anid, resync, extra));
    }

    public static Answer mar(DiameterTestPeer peer, String userName, String scheme, long items, String anid)
            throws Exception {
        return mar(peer, userName, scheme, items, anid, null, avps -> { });
    }

    public static Consumer<AvpSet> marBody(String userName, String scheme, long items, String anid, byte[] resync,
            Consumer<AvpSet> extra) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, userName);
            if (anid != null) {
                Avps.addUtf8(avps, Avp.ANID, anid);
            }
            AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
            Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, scheme);
            if (resync != null) {
                Avps.addOctets(item, Avp.SIP_AUTHORIZATION, resync);
            }
            Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, items);
            extra.accept(avps);
        };
    }

    /** An SAR with this Server-Assignment-Type value (TS 29.229 6.3.15). */
    public static Answer sar(DiameterTestPeer peer, String userName, int type) throws Exception {
        return peer.send(Command.SWX_SAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, userName);
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, type);
        });
    }

    /**
     * Checks an EAP-AKA item: SIP-Authenticate = RAND ‖ AUTN with this AMF and the right MAC-A, SIP-Authorization =
     * XRES, Confidentiality-Key = CK, Integrity-Key = IK.
     *
     * @return the SQN it carries
     */
    public static long verifyEapAka(ReferenceMilenage milenage, AvpSet item, byte[] amf) {
        return AkaItems.verify(milenage, item, EAP_AKA, amf);
    }

    /**
     * Checks an EAP-AKA' item: as EAP-AKA, but Confidentiality-Key and Integrity-Key are CK' and IK' =
     * HMAC-SHA-256(CK ‖ IK, 0x20 ‖ ANID ‖ len(ANID) ‖ SQN⊕AK ‖ 00 06) (TS 33.402 A.2, TS 33.220 B.2).
     *
     * @return the SQN it carries
     */
    public static long verifyEapAkaPrime(ReferenceMilenage milenage, AvpSet item, byte[] amf, String anid) {
        assertThat(Avps.utf8(item, Avp.SIP_AUTHENTICATION_SCHEME)).contains(EAP_AKA_PRIME);
        byte[] authenticate = Avps.octets(item, Avp.SIP_AUTHENTICATE).orElseThrow();
        assertThat(authenticate).hasSize(32);
        byte[] rand = Arrays.copyOfRange(authenticate, 0, 16);
        byte[] autn = Arrays.copyOfRange(authenticate, 16, 32);
        long sqn = S6a.sqn(milenage, rand, autn);
        ReferenceMilenage.Outputs out = milenage.compute(rand, AkaItems.sqnOctets(sqn), amf);
        assertThat(Arrays.copyOfRange(autn, 6, 8)).as("AMF").isEqualTo(amf);
        assertThat(Arrays.copyOfRange(autn, 8, 16)).as("MAC-A").isEqualTo(out.macA());
        assertThat(Avps.octets(item, Avp.SIP_AUTHORIZATION).orElseThrow()).as("XRES").isEqualTo(out.res());
        byte[][] prime = ckIkPrime(out.ck(), out.ik(), anid, Arrays.copyOf(autn, 6));
        assertThat(Avps.octets(item, Avp.CONFIDENTIALITY_KEY).orElseThrow()).as("CK'").isEqualTo(prime[0]);
        assertThat(Avps.octets(item, Avp.INTEGRITY_KEY).orElseThrow()).as("IK'").isEqualTo(prime[1]);
        return sqn;
    }

    /** CK' and IK' of TS 33.402 A.2, computed here. */
    public static byte[][] ckIkPrime(byte[] ck, byte[] ik, String anid, byte[] sqnXorAk) {
        byte[] p0 = anid.getBytes(StandardCharsets.UTF_8);
        byte[] s = S6a.concat(new byte[] {0x20}, p0, new byte[] {(byte) (p0.length >> 8), (byte) p0.length},
                sqnXorAk, new byte[] {0, 6});
        byte[] out = S6a.hmacSha256(S6a.concat(ck, ik), s);
        return new byte[][] {Arrays.copyOfRange(out, 0, 16), Arrays.copyOfRange(out, 16, 32)};
    }
}
