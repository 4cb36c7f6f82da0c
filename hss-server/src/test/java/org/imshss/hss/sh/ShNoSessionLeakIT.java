package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.DAVE;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.Test;

/**
 * Sh keeps nothing per request (TS 29.329: no session state): after 50,000 UDRs, each answered with its own
 * Session-Id, the heap is where it was and the HSS keeps answering.
 */
class ShNoSessionLeakIT {

    private static final int REQUESTS = 50_000;
    private static final int WINDOW = 64;
    private static final long ALLOWED_GROWTH_BYTES = 32L * 1024 * 1024;

    @Test
    void fiftyThousandUdrsLeaveNoSessionAndDoNotGrowTheHeap() throws Exception {
        try (TestHss hss = TestHss.start()) {
            Sh.seed(hss);
            try (DiameterTestPeer as = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                    hss.port())) {
                send(as, 2_000, new ArrayList<>());
                long before = usedAfterGc();
                List<String> sessionIds = new ArrayList<>(REQUESTS);
                send(as, REQUESTS, sessionIds);
                long after = usedAfterGc();
                assertThat(after - before).as("heap growth after %d UDRs", REQUESTS).isLessThan(ALLOWED_GROWTH_BYTES);
                assertThat(sessionIds).hasSize(REQUESTS).doesNotContainNull().doesNotHaveDuplicates();
                assertThat(Sh.result(Sh.udr(as, DAVE, "IMSUserState"))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            }
        }
    }

    private static void send(DiameterTestPeer as, int count, List<String> sessionIds) throws Exception {
        List<CompletableFuture<Answer>> inFlight = new ArrayList<>(WINDOW);
        for (int i = 0; i < count; i++) {
            inFlight.add(as.sendAsync(Command.UDR, avps -> {
                Sh.userIdentity(avps, DAVE);
                Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("IMSUserState"));
            }));
            if (inFlight.size() == WINDOW) {
                drain(inFlight, sessionIds);
            }
        }
        drain(inFlight, sessionIds);
    }

    private static void drain(List<CompletableFuture<Answer>> inFlight, List<String> sessionIds) throws Exception {
        for (CompletableFuture<Answer> future : inFlight) {
            Answer answer = future.get(10, TimeUnit.SECONDS);
            assertThat(Sh.result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            sessionIds.add(answer.getSessionId());
        }
        inFlight.clear();
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
