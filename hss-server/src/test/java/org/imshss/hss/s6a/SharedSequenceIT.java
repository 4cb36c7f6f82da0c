package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.s6a.S6aFixture.AMF;
import static org.imshss.hss.s6a.S6aFixture.EUTRAN_AMF;
import static org.imshss.hss.s6a.S6aFixture.MILENAGE;
import static org.imshss.hss.testing.S6a.PLMN_001_01;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.Swx;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.Usims;
import org.imshss.http.ApiToken;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.Test;

/**
 * One SQN per USIM (TS 33.102 C.1.1) across S6a, Cx and SWx: a private identity that authenticates with a USIM, and
 * a 3GPP AAA server asking for EAP-AKA' vectors for the IMSI, take their vectors' SQNs from the same SQN_HE as the
 * AIRs for the IMSI, so no SQN is ever handed out twice, whichever interface or HSS node asks. SQNs are read back
 * from AUTN with the test's own f5.
 */
class SharedSequenceIT {

    private static final String IMPI = "carol@ims.example.org";
    private static final String IMPU = "sip:carol@ims.example.org";
    private static final String SCHEME = "Digest-AKAv1-MD5";
    private static final int THREADS = 6;
    private static final int ROUNDS = 12;
    /** A third of the requests are AIRs with 2 vectors, the others MARs (Cx or SWx) with 1. */
    private static final int EXPECTED_SQNS = THREADS * ROUNDS / 3 * 4;

    private static long air(DiameterTestPeer mme, String imsi, List<Long> sqns) throws Exception {
        Answer answer = S6a.air(mme, imsi, PLMN_001_01, S6a.Wanted.of(2), null);
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        long last = 0;
        for (AvpSet vector : Avps.groupedAll(Avps.grouped(answer.getAvps(), Avp.AUTHENTICATION_INFO).orElseThrow(),
                Avp.E_UTRAN_VECTOR)) {
            last = S6a.verifyEutran(MILENAGE, vector, EUTRAN_AMF, PLMN_001_01);
            sqns.add(last);
        }
        return last;
    }

    private static long mar(DiameterTestPeer scscf, List<Long> sqns) throws Exception {
        Answer answer = Cx.mar(scscf, IMPI, IMPU, SCHEME, 1, Cx.SCSCF1, null);
        assertThat(Cx.result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        long sqn = AkaItems.verify(MILENAGE, Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0), SCHEME,
                AMF);
        sqns.add(sqn);
        return sqn;
    }

    /** An EAP-AKA' MAR on SWx for the IMSI (TS 29.273 8.1.2.1): one vector, CK'/IK' checked with the test's KDF. */
    private static long swxMar(DiameterTestPeer aaa, String imsi, List<Long> sqns) throws Exception {
        Answer answer = Swx.mar(aaa, imsi, Swx.EAP_AKA_PRIME, 1, "WLAN");
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        long sqn = Swx.verifyEapAkaPrime(MILENAGE,
                Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0), EUTRAN_AMF, "WLAN");
        sqns.add(sqn);
        return sqn;
    }

    /** The USIM may use non-3GPP access, so that SWx serves it. */
    private static void allowNon3gpp(TestHss hss, String imsi) {
        Usim usim = hss.node().epsStore().usim(imsi).orElseThrow();
        hss.node().epsStore().putUsim(usim.withNon3gpp(new Non3gppSubscription(true, true, List.of(1), 1, true, true,
                List.of())));
    }

    @Test
    void airAndMarForOneUsimGetStrictlyIncreasingSequenceNumbers() throws Exception {
        String imsi = "001010000000021";
        try (TestHss hss = TestHss.startEpc(S6aFixture.SECRETS_KEY)) {
            S6aFixture.apnProfile(hss);
            S6aFixture.usim(hss, imsi, "carol", S6aFixture.withApn());
            Usims.useUsim(hss, IMPI, imsi);
            try (DiameterTestPeer mme = hss.mme("mme1.epc.mnc001.mcc001.3gppnetwork.org");
                    DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org")) {
                List<Long> sqns = new ArrayList<>();
                air(mme, imsi, sqns);
                mar(scscf, sqns);
                air(mme, imsi, sqns);
                mar(scscf, sqns);

                assertThat(sqns).hasSize(6).isSorted().doesNotHaveDuplicates();
                assertThat(sqns.get(2)).isGreaterThan(sqns.get(1));
            }
            capabilitiesAndRealms(hss, imsi);
        }
    }

    /** The CEA names S6a (16777251); the EPC realm is served, another realm is not (3003). */
    private static void capabilitiesAndRealms(TestHss hss, String imsi) throws Exception {
        try (RawDiameterClient peer = RawDiameterClient.connect("127.0.0.1", hss.port(),
                "mme2.epc.mnc001.mcc001.3gppnetwork.org", "epc.mnc001.mcc001.3gppnetwork.org")) {
            RawMessage cea = peer.capabilitiesAnswer();
            assertThat(cea.resultCode()).isEqualTo(2001);
            assertThat(cea.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID)).anySatisfy(vsai -> {
                assertThat(vsai.member(Avp.VENDOR_ID).orElseThrow().u32()).isEqualTo(10415);
                assertThat(vsai.member(Avp.AUTH_APPLICATION_ID).orElseThrow().u32()).isEqualTo(16777251L);
            });
            RawMessage served = rawAir(peer, "epc.mnc001.mcc001.3gppnetwork.org", "001019999999998");
            assertThat(served.avp(Avp.EXPERIMENTAL_RESULT).orElseThrow().member(Avp.EXPERIMENTAL_RESULT_CODE)
                    .orElseThrow().u32()).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN.code());
            assertThat(rawAir(peer, "epc.mnc002.mcc001.3gppnetwork.org", imsi).resultCode())
                    .isEqualTo(ResultCode.DIAMETER_REALM_NOT_SERVED.code());
        }
    }

    private static RawMessage rawAir(RawDiameterClient peer, String destinationRealm, String imsi) throws Exception {
        int id = peer.nextId();
        return peer.exchange(new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, Command.AIR.code(),
                Application.S6A.id(), id, id, List.of(
                        RawAvp.utf8(Avp.SESSION_ID, peer.originHost() + ";" + id),
                        RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID, RawAvp.u32(Avp.VENDOR_ID, 10415),
                                RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.S6A.id())),
                        RawAvp.u32(Avp.AUTH_SESSION_STATE, 1),
                        RawAvp.utf8(Avp.ORIGIN_HOST, peer.originHost()),
                        RawAvp.utf8(Avp.ORIGIN_REALM, peer.originRealm()),
                        RawAvp.utf8(Avp.DESTINATION_REALM, destinationRealm),
                        RawAvp.utf8(Avp.USER_NAME, imsi),
                        RawAvp.grouped(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO,
                                RawAvp.u32(Avp.NUMBER_OF_REQUESTED_VECTORS, 1)),
                        RawAvp.of(Avp.VISITED_PLMN_ID, PLMN_001_01))));
    }

    /** Threads mixing AIRs, Cx MARs and SWx MARs for one USIM through one node: every SQN handed out once. */
    @Test
    void concurrentAirsAndMarsThroughOneNodeNeverRepeatASequenceNumber() throws Exception {
        String imsi = "001010000000022";
        try (TestHss hss = TestHss.startEpc(S6aFixture.SECRETS_KEY)) {
            S6aFixture.apnProfile(hss);
            S6aFixture.usim(hss, imsi, "carol", S6aFixture.withApn());
            allowNon3gpp(hss, imsi);
            Usims.useUsim(hss, IMPI, imsi);
            try (DiameterTestPeer mme = hss.mme("mme1.epc.mnc001.mcc001.3gppnetwork.org");
                    DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org");
                    DiameterTestPeer aaa = Swx.aaa(hss, "aaa1.ims.example.org")) {
                List<Long> sqns = race(List.of(mme), List.of(scscf), List.of(aaa), imsi);
                assertThat(sqns).hasSize(EXPECTED_SQNS).doesNotHaveDuplicates();
                assertThat(S6aFixture.sequence(hss, Usim.sequenceKey(imsi)))
                        .isEqualTo(sqns.stream().mapToLong(Long::longValue).max().orElseThrow());
            }
        }
    }

    /** The same through two HSS nodes of one cluster: the grid's atomic update serialises them. */
    @Test
    void concurrentAirsAndMarsThroughTwoNodesNeverRepeatASequenceNumber() throws Exception {
        String imsi = "001010000000023";
        List<TestHss> nodes = TestHss.startPairWithRest(List.<ApiToken>of());
        try {
            TestHss first = nodes.get(0);
            S6aFixture.apnProfile(first);
            Usims.put(first, new HssSettings.AuthSettings(null).keyring(), imsi, "carol", S6aFixture.K, S6aFixture.OPC, AMF, S6aFixture.withApn());
            allowNon3gpp(first, imsi);
            Usims.useUsim(first, IMPI, imsi);
            List<DiameterTestPeer> mmes = new ArrayList<>();
            List<DiameterTestPeer> scscfs = new ArrayList<>();
            List<DiameterTestPeer> aaas = new ArrayList<>();
            try {
                for (int i = 0; i < nodes.size(); i++) {
                    mmes.add(DiameterTestPeer.connect(Application.S6A, "mme" + i + "." + TestHss.REALM,
                            TestHss.REALM, TestHss.freePort(), TestHss.HOST, nodes.get(i).port()));
                    scscfs.add(nodes.get(i).peer("scscf" + (i + 1) + "." + TestHss.REALM));
                    aaas.add(Swx.aaa(nodes.get(i), "aaa" + i + "." + TestHss.REALM));
                }
                List<Long> sqns = race(mmes, scscfs, aaas, imsi);
                assertThat(sqns).hasSize(EXPECTED_SQNS).doesNotHaveDuplicates();
            } finally {
                mmes.forEach(DiameterTestPeer::close);
                scscfs.forEach(DiameterTestPeer::close);
                aaas.forEach(DiameterTestPeer::close);
            }
        } finally {
            for (TestHss node : nodes) {
                node.close();
            }
        }
    }

    /**
     * THREADS workers, each ROUNDS requests taking turns: AIR (2 vectors), Cx MAR (1), SWx MAR (1), over the peers
     * round robin.
     */
    private static List<Long> race(List<DiameterTestPeer> mmes, List<DiameterTestPeer> scscfs,
            List<DiameterTestPeer> aaas, String imsi) throws Exception {
        ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int worker = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        List<Long> mine = new ArrayList<>();
                        int node = (worker + r) % mmes.size();
                        switch ((worker + r) % 3) {
                            case 0 -> air(mmes.get(node), imsi, mine);
                            case 1 -> mar(scscfs.get(node), mine);
                            default -> swxMar(aaas.get(node), imsi, mine);
                        }
                        all.addAll(mine);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(all);
    }
}
