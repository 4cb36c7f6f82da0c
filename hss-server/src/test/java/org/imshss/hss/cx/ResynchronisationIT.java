package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resync MARs over TCP against the real stack and grid (TS 33.102 6.3.5): with a valid AUTS, SQN_HE is kept when
 * the USIM would accept the next SQN (C.2.2: SEQ above SEQ_MS) and moved up to SQN_MS otherwise, so the vector
 * answered is always above SQN_MS and above every SQN handed out before. AUTS and the SQNs in AUTN are computed
 * with the test's own Milenage; erin's keys are TS 35.208 test set 3, her AMF 0000, IND 5 bits.
 */
class ResynchronisationIT {

    private static final String IMPI = "erin@ims.example.org";
    private static final String IMPU = "sip:erin@ims.example.org";
    private static final String SCHEME = "Digest-AKAv1-MD5";
    private static final int IND_BITS = 5;
    private static final HexFormat HEX = HexFormat.of();
    private static final ReferenceMilenage ERIN = new ReferenceMilenage(
            HEX.parseHex("fec86ba6eb707ed08905757b1bb44b8f"), HEX.parseHex("1006020f0a478bf6b699f15c062e42b3"));

    private static TestHss hss;
    private static DiameterTestPeer scscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start(cx -> cx, MultimediaAuthSchemesIT.PASSWORD_KEY, MultimediaAuthSchemesIT.SEED);
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        hss.close();
    }

    private static long seq(long sqn) {
        return sqn >>> IND_BITS;
    }

    private static long storedSqnHe() {
        return ((IgniteSubscriberStore) hss.node().store()).sequence(IMPI);
    }

    /** An ordinary MAR for {@code count} vectors; their SQNs, each vector checked. */
    private static List<Long> mar(DiameterTestPeer peer, int count) throws Exception {
        return sqns(Cx.mar(peer, IMPI, IMPU, SCHEME, count, SCSCF1, null), count);
    }

    /** A resync MAR: SIP-Authorization = RAND ‖ AUTS for SQN_MS (TS 29.228 6.3); its one vector's SQN. */
    private static long resync(DiameterTestPeer peer, byte[] rand, long sqnMs) throws Exception {
        return sqns(Cx.mar(peer, IMPI, IMPU, SCHEME, 3, SCSCF1, resyncPayload(rand, sqnMs)), 1).get(0);
    }

    private static byte[] resyncPayload(byte[] rand, long sqnMs) {
        byte[] auts = ERIN.auts(rand, AkaItems.sqnOctets(sqnMs));
        byte[] payload = Arrays.copyOf(rand, 30);
        System.arraycopy(auts, 0, payload, 16, 14);
        return payload;
    }

    private static List<Long> sqns(Answer answer, int expected) {
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(expected);
        List<Long> sqns = new ArrayList<>();
        for (AvpSet item : items) {
            sqns.add(AkaItems.verify(ERIN, item, SCHEME, new byte[2]));
        }
        return sqns;
    }

    private static byte[] someRand() {
        return HEX.parseHex("9f7c8d021accf4db213ccff0c7f71a6a");
    }

    /** Asserts the vector of a resync answer: SEQ above SEQ_MS (C.2.2) and above everything handed out before. */
    private static void assertFresh(long sqn, long sqnMs, List<Long> handedOut) {
        assertThat(seq(sqn)).as("SEQ above SEQ_MS").isGreaterThan(seq(sqnMs));
        assertThat(sqn).as("above every SQN handed out before").isGreaterThan(
                handedOut.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(handedOut).doesNotContain(sqn);
        handedOut.add(sqn);
        assertThat(storedSqnHe()).isEqualTo(sqn);
    }

    @Test
    void resyncBelowEqualAndAboveSqnHeNeverHandsOutAnSqnAgain() throws Exception {
        // SQN_HE before the test stands for what was handed out before it: the highest SQN so far, 0 for none.
        List<Long> handedOut = new ArrayList<>(List.of(storedSqnHe()));
        List<Long> first = mar(scscf, 3);
        assertThat(first).isSorted();
        assertThat(first.get(0)).isGreaterThan(handedOut.get(0));
        handedOut.addAll(first);
        long sqnHe = first.get(2);

        // Below: the USIM accepted only the first of them (the others never reached it, or the AUTS is old).
        byte[] rand = someRand();
        long below = first.get(0);
        long afterBelow = resync(scscf, rand, below);
        assertFresh(afterBelow, below, handedOut);
        assertThat(seq(afterBelow)).as("SQN_HE kept: the next SEQ follows it").isEqualTo(seq(sqnHe) + 1);

        // Equal: the USIM reports the last SQN handed out.
        long afterEqual = resync(scscf, rand, afterBelow);
        assertFresh(afterEqual, afterBelow, handedOut);
        assertThat(seq(afterEqual)).isEqualTo(seq(afterBelow) + 1);

        // Above: the USIM accepted SEQ 1,000 further on (another HE, or SQN_HE restored from a backup).
        long above = ((seq(afterEqual) + 1_000) << IND_BITS) | 7;
        long afterAbove = resync(scscf, rand, above);
        assertFresh(afterAbove, above, handedOut);
        assertThat(seq(afterAbove)).as("SQN_HE moved up to SQN_MS").isEqualTo(seq(above) + 1);

        handedOut.addAll(mar(scscf, 2));
        // A replay of the first AUTS, and a forged one, leave SQN_HE where it is.
        long replayed = resync(scscf, rand, below);
        assertFresh(replayed, below, handedOut);
        byte[] forged = resyncPayload(rand, above + (5_000L << IND_BITS));
        forged[29] ^= 1;
        long before = storedSqnHe();
        assertThat(result(Cx.mar(scscf, IMPI, IMPU, SCHEME, 1, SCSCF1, forged)))
                .isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        assertThat(storedSqnHe()).isEqualTo(before);
        assertThat(new HashSet<>(handedOut)).hasSameSizeAs(handedOut);
    }

    /**
     * Resync MARs (SQN_MS below, equal to or above the last SQN the thread saw) and ordinary MARs for one IMPI at
     * once, over four connections. No SQN twice; each thread's SQNs increase (each waits for its answer before the
     * next request, so its allocations are ordered in the grid); a vector is above every SQN answered before its
     * request was sent: SQN_HE never went down.
     */
    @Test
    void concurrentResyncsAndMarsNeverHandOutAnSqnTwice() throws Exception {
        int threads = 4;
        int perThread = 150;
        ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        AtomicLong highestAnswered = new AtomicLong(storedSqnHe());
        List<DiameterTestPeer> peers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            peers.add(hss.peer("scscf-r" + i + ".ims.example.org"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DiameterTestPeer peer = peers.get(t);
                boolean resyncs = t % 2 == 0;
                done.add(pool.submit(() -> {
                    run(peer, resyncs, perThread, all, highestAnswered);
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
        assertThat(all).hasSize(threads * perThread);
        Set<Long> distinct = new HashSet<>(all);
        assertThat(distinct).as("no SQN handed out twice").hasSize(threads * perThread);
        assertThat(storedSqnHe()).isEqualTo(distinct.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    private static void run(DiameterTestPeer peer, boolean resyncs, int count, ConcurrentLinkedQueue<Long> all,
            AtomicLong highestAnswered) throws Exception {
        long mine = 0;
        long oldest = 0;
        byte[] rand = someRand();
        for (int i = 0; i < count; i++) {
            long floor = highestAnswered.get();
            long sqn;
            if (resyncs && i > 0) {
                long sqnMs = switch (i % 3) {
                    case 0 -> oldest;
                    case 1 -> mine;
                    default -> ((seq(floor) + 1 + i % 40) << IND_BITS) | (i % 32);
                };
                sqn = resync(peer, rand, sqnMs);
                assertThat(seq(sqn)).as("SEQ above SEQ_MS").isGreaterThan(seq(sqnMs));
            } else {
                sqn = mar(peer, 1).get(0);
            }
            assertThat(sqn).as("above every SQN answered before the request").isGreaterThan(floor);
            assertThat(sqn).as("above this thread's previous SQN").isGreaterThan(mine);
            oldest = oldest == 0 ? sqn : oldest;
            mine = sqn;
            all.add(sqn);
            highestAnswered.accumulateAndGet(sqn, Math::max);
        }
    }
}
