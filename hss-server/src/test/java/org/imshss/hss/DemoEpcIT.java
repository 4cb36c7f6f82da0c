package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.config.DiameterSettings;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's EPC: an HSS started with the demo data and Diameter peers as {@code hss --demo} starts it serves alice's
 * USIM to an MME of the demo PLMN (AIR, then ULR, TS 29.272 5.2.3.1 and 5.2.1.1), and her IMS private identity,
 * which uses that USIM, authenticates with the same sequence number (TS 33.102 C.1.1): an S-CSCF's MAR and the
 * MME's AIRs take SQNs from one strictly increasing sequence. Vectors are checked with alice's K and OP as the demo
 * file holds them, by the test's own Milenage and KDF.
 */
class DemoEpcIT {

    private static final String IMSI = "001010000000001";
    private static final String MME = "mme.epc.mnc001.mcc001.3gppnetwork.org";
    private static final String SCSCF = "scscf.ims.example.org";
    private static final String IMPI = "alice@ims.example.org";
    private static final String IMPU = "sip:alice@ims.example.org";
    private static final HexFormat HEX = HexFormat.of();
    private static final int EUTRAN = 1004;
    private static final long ULR_INITIAL_ATTACH = 0x22;

    private static TestHss hss;
    private static DiameterTestPeer mme;
    private static DiameterTestPeer scscf;
    private static ReferenceMilenage milenage;
    private static byte[] eutranAmf;

    @BeforeAll
    static void start() throws Exception {
        JsonNode usim = aliceUsim();
        milenage = ReferenceMilenage.withOp(HEX.parseHex(usim.get("k").asText()),
                HEX.parseHex(usim.get("op").asText()));
        eutranAmf = HEX.parseHex(usim.get("amf").asText());
        // E-UTRAN vectors carry the AMF separation bit set (TS 33.401 6.1.1).
        eutranAmf[0] |= (byte) 0x80;
        hss = TestHss.startDemo(HssMain::demo);
        mme = DiameterTestPeer.connect(Application.S6A, MME, DiameterSettings.DEMO_EPC_REALM,
                TestHss.freePort(), TestHss.HOST, hss.port());
        scscf = DiameterTestPeer.connect(SCSCF, DiameterSettings.DEMO_REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (mme != null) {
            mme.close();
        }
        if (scscf != null) {
            scscf.close();
        }
        if (hss != null) {
            hss.close();
        }
    }

    /** Alice's USIM as the demo file (the one {@code --demo} loads) holds it. */
    private static JsonNode aliceUsim() throws Exception {
        try (InputStream in = DemoEpcIT.class.getResourceAsStream("/org/imshss/provisioning/seed/demo.json")) {
            JsonNode demo = new ObjectMapper().readTree(in);
            for (JsonNode subscription : demo.get("subscriptions")) {
                for (JsonNode usim : subscription.path("usims")) {
                    if (usim.get("imsi").asText().equals(IMSI)) {
                        return usim;
                    }
                }
            }
        }
        throw new AssertionError("no USIM " + IMSI + " in the demo data");
    }

    private static void assertSuccess(Answer answer) {
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.RESULT_CODE).getAsLong()).isEqualTo(2001);
        assertThat(Avps.has(answer.getAvps(), Avp.EXPERIMENTAL_RESULT)).isFalse();
    }

    /** An AIR for three E-UTRAN vectors from the demo PLMN; checks each and returns their SQNs. */
    private static List<Long> eutranSqns() throws Exception {
        Answer aia = S6a.air(mme, IMSI, S6a.PLMN_001_01, S6a.Wanted.of(3), null);
        assertSuccess(aia);
        List<AvpSet> vectors = Avps.groupedAll(Avps.grouped(aia.getAvps(), Avp.AUTHENTICATION_INFO).orElseThrow(),
                Avp.E_UTRAN_VECTOR);
        assertThat(vectors).hasSize(3);
        List<Long> sqns = vectors.stream()
                .map(vector -> S6a.verifyEutran(milenage, vector, eutranAmf, S6a.PLMN_001_01)).toList();
        assertThat(sqns).isSorted().doesNotHaveDuplicates();
        return sqns;
    }

    /** MSISDN as TBCD (TS 29.002 17.7.8): two digits an octet, the first in the low nibble. */
    private static byte[] tbcd(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            out[i / 2] |= (byte) (i % 2 == 0 ? digit : digit << 4);
        }
        if (digits.length() % 2 == 1) {
            out[out.length - 1] |= (byte) 0xf0;
        }
        return out;
    }

    private static void assertApn(AvpSet apn, String name, int pdnType, int qci, long priority) {
        assertThat(Avps.utf8(apn, Avp.SERVICE_SELECTION)).contains(name);
        assertThat(Avps.enumerated(apn, Avp.PDN_TYPE).getAsInt()).as(name + " PDN-Type").isEqualTo(pdnType);
        AvpSet qos = Avps.grouped(apn, Avp.EPS_SUBSCRIBED_QOS_PROFILE).orElseThrow();
        assertThat(Avps.enumerated(qos, Avp.QOS_CLASS_IDENTIFIER).getAsInt()).as(name + " QCI").isEqualTo(qci);
        AvpSet arp = Avps.grouped(qos, Avp.ALLOCATION_RETENTION_PRIORITY).orElseThrow();
        assertThat(Avps.unsigned32(arp, Avp.PRIORITY_LEVEL).getAsLong()).as(name + " ARP").isEqualTo(priority);
    }

    private static void assertAliceSubscription(Answer ula) {
        AvpSet data = Avps.grouped(ula.getAvps(), Avp.SUBSCRIPTION_DATA).orElseThrow();
        assertThat(Avps.octets(data, Avp.MSISDN).orElseThrow()).isEqualTo(tbcd("15550101"))
                .isEqualTo(HEX.parseHex("51551010"));
        AvpSet ambr = Avps.grouped(data, Avp.AMBR).orElseThrow();
        assertThat(Avps.unsigned32(ambr, Avp.MAX_REQUESTED_BANDWIDTH_DL).getAsLong()).isEqualTo(100_000_000);
        assertThat(Avps.unsigned32(ambr, Avp.MAX_REQUESTED_BANDWIDTH_UL).getAsLong()).isEqualTo(50_000_000);
        AvpSet profile = Avps.grouped(data, Avp.APN_CONFIGURATION_PROFILE).orElseThrow();
        List<AvpSet> apns = Avps.groupedAll(profile, Avp.APN_CONFIGURATION);
        assertThat(apns).hasSize(2);
        // PDN-Type (TS 29.272 7.3.62): IPv4 0, IPv4v6 2.
        assertApn(apns.get(0), "internet", 0, 9, 8);
        assertApn(apns.get(1), "ims", 2, 5, 1);
        assertThat(Avps.unsigned32(profile, Avp.CONTEXT_IDENTIFIER).getAsLong()).as("the default APN is internet")
                .isEqualTo(Avps.unsigned32(apns.get(0), Avp.CONTEXT_IDENTIFIER).getAsLong());
        assertThat(Avps.unsigned32(apns.get(1), Avp.CONTEXT_IDENTIFIER).getAsLong())
                .isNotEqualTo(Avps.unsigned32(apns.get(0), Avp.CONTEXT_IDENTIFIER).getAsLong());
    }

    /** The SQN of an S-CSCF's Digest-AKAv1-MD5 vector for alice (SIP-Authenticate = RAND ‖ AUTN, TS 29.228). */
    private static long imsSqn() throws Exception {
        Answer maa = Cx.mar(scscf, IMPI, IMPU, "Digest-AKAv1-MD5", 1, "sip:scscf.ims.example.org:6060", null);
        assertSuccess(maa);
        AvpSet item = Avps.grouped(maa.getAvps(), Avp.SIP_AUTH_DATA_ITEM).orElseThrow();
        byte[] authenticate = Avps.octets(item, Avp.SIP_AUTHENTICATE).orElseThrow();
        assertThat(authenticate).hasSize(32);
        byte[] rand = Arrays.copyOfRange(authenticate, 0, 16);
        byte[] autn = Arrays.copyOfRange(authenticate, 16, 32);
        ReferenceMilenage.Outputs out = milenage.compute(rand, AkaItems.sqnOctets(S6a.sqn(milenage, rand, autn)),
                Arrays.copyOfRange(autn, 6, 8));
        assertThat(Arrays.copyOfRange(autn, 8, 16)).as("MAC-A with alice's demo keys").isEqualTo(out.macA());
        assertThat(Avps.octets(item, Avp.SIP_AUTHORIZATION).orElseThrow()).as("XRES").isEqualTo(out.res());
        return S6a.sqn(milenage, rand, autn);
    }

    @Test
    void aliceAttachesOverS6aAndRegistersInImsWithOneSequence() throws Exception {
        List<Long> attach = eutranSqns();

        Answer ula = mme.send(Command.ULR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, IMSI);
            Avps.addEnumerated(avps, Avp.RAT_TYPE, EUTRAN);
            Avps.addUnsigned32(avps, Avp.ULR_FLAGS, ULR_INITIAL_ATTACH);
            Avps.addOctets(avps, Avp.VISITED_PLMN_ID, S6a.PLMN_001_01);
        });
        assertSuccess(ula);
        assertAliceSubscription(ula);

        long ims = imsSqn();
        assertThat(ims).isGreaterThan(attach.get(attach.size() - 1));
        List<Long> again = eutranSqns();
        assertThat(again.get(0)).isGreaterThan(ims);
    }
}
