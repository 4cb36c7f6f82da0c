package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.AuthSchemes;
import org.imshss.hss.diameter.transport.TransportSettings;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterFuzzer;
import org.imshss.hss.testing.DiameterFuzzer.Template;
import org.imshss.hss.testing.RawDiameterClient;
import org.imshss.hss.testing.RawMessage;
import org.imshss.hss.testing.RawMessage.RawAvp;
import org.imshss.hss.testing.RawRequests;
import org.imshss.hss.testing.TestHss;
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
        DiameterFuzzer warmUp = new DiameterFuzzer("127.0.0.1", hss.port(), TestHss.REALM, templates(), maxMessage);
        warmUp.run(seed - 1, 5_000, CONNECTIONS, "fuzz-warm");
        long heapBefore = heapAfterGc();
        long started = System.nanoTime();

        DiameterFuzzer fuzzer = new DiameterFuzzer("127.0.0.1", hss.port(), TestHss.REALM, templates(), maxMessage);
        fuzzer.run(seed, messages, CONNECTIONS, "fuzz");

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long heapAfter = heapAfterGc();
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
        assertThat(hss.node().diameter().transport().pendingRequests()).isZero();
    }

    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Valid requests of the sample user alice: UAR, LIR, SAR (unregistered user), MAR (IMS-AKA) and an Sh UDR. */
    static List<Template> templates() {
        return List.of(
                new Template("UAR", Command.UAR, RawRequests::uarAvps,
                        List.of(Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.VISITED_NETWORK_IDENTIFIER,
                                Avp.AUTH_SESSION_STATE),
                        List.of(Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.VISITED_NETWORK_IDENTIFIER)),
                new Template("LIR", Command.LIR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.CX);
                    avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU));
                    return avps;
                }, List.of(Avp.PUBLIC_IDENTITY, Avp.AUTH_SESSION_STATE), List.of(Avp.PUBLIC_IDENTITY)),
                new Template("SAR", Command.SAR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.CX);
                    avps.add(RawAvp.utf8(Avp.USER_NAME, RawRequests.IMPI));
                    avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU));
                    avps.add(RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1));
                    avps.add(RawAvp.u32(Avp.SERVER_ASSIGNMENT_TYPE,
                            Avp.SERVER_ASSIGNMENT_TYPE.enumValue("UNREGISTERED_USER")));
                    avps.add(RawAvp.u32(Avp.USER_DATA_ALREADY_AVAILABLE,
                            Avp.USER_DATA_ALREADY_AVAILABLE.enumValue("USER_DATA_NOT_AVAILABLE")));
                    return avps;
                }, List.of(Avp.SERVER_NAME, Avp.SERVER_ASSIGNMENT_TYPE, Avp.USER_DATA_ALREADY_AVAILABLE),
                        List.of(Avp.USER_NAME, Avp.SERVER_NAME, Avp.SERVER_ASSIGNMENT_TYPE)),
                new Template("MAR", Command.MAR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.CX);
                    avps.add(RawAvp.utf8(Avp.USER_NAME, RawRequests.IMPI));
                    avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU));
                    avps.add(RawAvp.grouped(Avp.SIP_AUTH_DATA_ITEM,
                            RawAvp.utf8(Avp.SIP_AUTHENTICATION_SCHEME, AuthSchemes.DIGEST_AKA_V1_MD5)));
                    avps.add(RawAvp.u32(Avp.SIP_NUMBER_AUTH_ITEMS, 1));
                    avps.add(RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1));
                    return avps;
                }, List.of(Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.SIP_AUTH_DATA_ITEM, Avp.SIP_NUMBER_AUTH_ITEMS,
                        Avp.SERVER_NAME), List.of(Avp.USER_NAME, Avp.SIP_NUMBER_AUTH_ITEMS, Avp.SERVER_NAME)),
                new Template("UDR", Command.UDR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.SH);
                    avps.add(RawAvp.grouped(Avp.USER_IDENTITY, RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU)));
                    avps.add(RawAvp.u32(Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("IMSPublicIdentity")));
                    return avps;
                }, List.of(Avp.USER_IDENTITY, Avp.DATA_REFERENCE, Avp.AUTH_SESSION_STATE),
                        List.of(Avp.USER_IDENTITY)));
    }
}
