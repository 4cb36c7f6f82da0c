package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.Test;

/**
 * 8 threads × 1,000 pipelined MARs for one IMPI over four TCP connections: every vector has its own SQN, because
 * each is allocated in one atomic grid operation before its MAA leaves (TS 33.102 C.3.2). Answers on different
 * threads may arrive in any order, so only distinctness and the stored maximum are asserted.
 */
class MultimediaAuthConcurrencyIT {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 1_000;
    private static final int IN_FLIGHT = 32;
    private static final String IMPI = "erin@ims.example.org";
    private static final String IMPU = "sip:erin@ims.example.org";
    private static final HexFormat HEX = HexFormat.of();
    /** Erin's keys: TS 35.208 test set 3. */
    private static final ReferenceMilenage ERIN = new ReferenceMilenage(
            HEX.parseHex("fec86ba6eb707ed08905757b1bb44b8f"), HEX.parseHex("1006020f0a478bf6b699f15c062e42b3"));

    private static CompletableFuture<Answer> mar(DiameterTestPeer peer) throws Exception {
        return peer.sendAsync(Command.MAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, IMPI);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, IMPU);
            AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
            Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5");
            Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
            Avps.addUtf8(avps, Avp.SERVER_NAME, SCSCF1);
        });
    }

    @Test
    void eightThousandConcurrentVectorsHaveEightThousandSequenceNumbers() throws Exception {
        try (TestHss hss = TestHss.start(cx -> cx, MultimediaAuthSchemesIT.PASSWORD_KEY, MultimediaAuthSchemesIT.SEED)) {
            List<DiameterTestPeer> peers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                peers.add(hss.peer("scscf" + i + ".ims.example.org"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            ConcurrentLinkedQueue<Long> sqns = new ConcurrentLinkedQueue<>();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    DiameterTestPeer peer = peers.get(t % peers.size());
                    done.add(pool.submit(() -> {
                        List<CompletableFuture<Answer>> window = new ArrayList<>();
                        for (int i = 0; i < PER_THREAD; i++) {
                            window.add(mar(peer));
                            if (window.size() == IN_FLIGHT || i == PER_THREAD - 1) {
                                for (CompletableFuture<Answer> f : window) {
                                    sqns.add(sqnOf(f.get(30, TimeUnit.SECONDS)));
                                }
                                window.clear();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
                peers.forEach(DiameterTestPeer::close);
            }
            assertThat(sqns).hasSize(THREADS * PER_THREAD).doesNotContain(0L);
            Set<Long> distinct = new HashSet<>(sqns);
            assertThat(distinct).hasSize(THREADS * PER_THREAD);
            long stored = ((IgniteSubscriberStore) hss.node().store()).sequence(IMPI);
            assertThat(stored).isEqualTo(distinct.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }

    private static long sqnOf(Answer answer) {
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(1);
        return AkaItems.verify(ERIN, items.get(0), "Digest-AKAv1-MD5", new byte[2]);
    }
}
