package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.diameter.transport.TransportSettings;
import org.imshss.node.testing.DiameterFuzzer;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At least 100,000 mutated Cx and Sh requests of the sample users against a live HSS (see {@link DiameterFuzzer}
 * for the classes and what each must produce): no failure, the HSS still answers a valid UAR with 2001 after the
 * run, and its heap after GC has not grown. The seed is printed; {@code -Dfuzz.seed=} and
 * {@code -Dfuzz.messages=} repeat or change a run.
 */
class DiameterFuzzIT {

    private static final long DEFAULT_SEED = 0x5EED_D1A3L;
    private static final int CONNECTIONS = 4;
    /** Heap after GC may differ from the start by this much (caches warm up, the grid keeps its own). */
    private static final long HEAP_GROWTH_BOUND = 48L << 20;

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
    }

    @AfterAll
    static void stop() throws Exception {
        hss.close();
    }

    @Test
    void mutatedMessagesAreAnsweredOrRefusedAndTheHssStaysUp() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int messages = Integer.getInteger("fuzz.messages", 100_000);
        int maxMessage = TransportSettings.DEFAULTS.maxMessageBytes();
        DiameterFuzzer warmUp = new DiameterFuzzer("127.0.0.1", hss.port(), TestHss.REALM,
                DiameterFuzzer.sampleUserRequests(), maxMessage);
        warmUp.run(seed - 1, 5_000, CONNECTIONS, "fuzz-warm");
        long heapBefore = DiameterFuzzer.heapAfterGc();
        long started = System.nanoTime();

        DiameterFuzzer fuzzer = new DiameterFuzzer("127.0.0.1", hss.port(), TestHss.REALM,
                DiameterFuzzer.sampleUserRequests(), maxMessage);
        fuzzer.run(seed, messages, CONNECTIONS, "fuzz");

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long heapAfter = DiameterFuzzer.heapAfterGc();
        System.out.printf("DiameterFuzzIT (HSS): seed %d, %d s, heap after GC %d MB -> %d MB%n  %s%n", seed, seconds,
                heapBefore >> 20, heapAfter >> 20, fuzzer.report());
        assertThat(fuzzer.failures()).isEmpty();
        assertThat(fuzzer.total()).isGreaterThanOrEqualTo(messages);
        hss.resetRegistrations();
        try (RawDiameterClient peer = hss.raw("after-fuzz.ims.example.org")) {
            RawMessage uar = RawRequests.uar(peer);
            assertThat(peer.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
        assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_BOUND);
        // A request's place is given back just after its answer is queued, so the client may read the answer first.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hss.node().diameter().transport().pendingRequests() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hss.node().diameter().transport().pendingRequests()).as("requests left pending").isZero();
    }
}
