package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.diameter.transport.TransportSettings;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.jdiameter.api.PeerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Overload at the transport: past {@code diameter.max-pending-requests} requests are answered 3004
 * DIAMETER_TOO_BUSY at once (RFC 6733 7.1.3) rather than queued, each exactly once; a flooding peer or one that
 * stops reading does not stall another peer.
 */
class OverloadIT {

    private static final int MAX_PENDING = 8;
    private static final long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithDiameter(d -> d.withTransport(
                new TransportSettings(1 << 20, MAX_PENDING, 16L << 20, Duration.ofSeconds(1))));
    }

    @AfterAll
    static void stop() throws Exception {
        hss.close();
    }

    @Test
    void floodIsAnsweredTooBusyOnceEachWhileAnotherPeerIsServed() throws Exception {
        int count = 3_000;
        try (RawDiameterClient flooder = hss.raw("flooder.ims.example.org");
                RawDiameterClient other = hss.raw("quiet.ims.example.org")) {
            Map<Integer, RawMessage> requests = new HashMap<>();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                RawMessage uar = RawRequests.uar(flooder);
                requests.put(uar.hopByHop(), uar);
                all.writeBytes(uar.encode());
            }
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    flooder.send(all.toByteArray());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                RawMessage uar = RawRequests.uar(other);
                RawMessage answer = other.exchange(uar);
                slowest = Math.max(slowest, System.nanoTime() - started);
                assertThat(answer.hopByHop()).isEqualTo(uar.hopByHop());
                assertThat(answer.resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
            sent.get(30, TimeUnit.SECONDS);

            Map<Integer, Integer> answers = new HashMap<>();
            Map<Long, Integer> byResult = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                RawMessage answer = flooder.receive();
                assertThat(requests).containsKey(answer.hopByHop());
                answers.merge(answer.hopByHop(), 1, Integer::sum);
                byResult.merge(answer.resultCode(), 1, Integer::sum);
                if (answer.resultCode() == ResultCode.DIAMETER_TOO_BUSY.code()) {
                    assertThat(answer.isError()).as("E bit on 3004").isTrue();
                }
            }
            System.out.printf("OverloadIT: %d pipelined UARs with %d pending allowed: answers by result %s; the other"
                    + " peer's slowest answer %d ms%n", count, MAX_PENDING, byResult, slowest / 1_000_000);
            assertThat(answers).hasSize(count).allSatisfy((id, times) -> assertThat(times).isOne());
            assertThat(byResult).containsKeys((long) ResultCode.DIAMETER_TOO_BUSY.code(),
                    (long) ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            assertThat(slowest).isLessThan(PROMPT_NANOS);
            // No late duplicate, and the places are free again.
            RawMessage last = RawRequests.uar(flooder);
            RawMessage answer = flooder.exchange(last);
            assertThat(answer.hopByHop()).isEqualTo(last.hopByHop());
            assertThat(answer.resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
        assertThat(hss.node().diameter().transport().pendingRequests()).isLessThanOrEqualTo(MAX_PENDING);
    }

    @Test
    void peerThatStopsReadingIsDisconnectedWithoutStallingAnother() throws Exception {
        String stuckHost = "not-reading.ims.example.org";
        try (RawDiameterClient stuck = RawDiameterClient.connect("127.0.0.1", hss.port(), stuckHost, TestHss.REALM,
                        4096);
                RawDiameterClient other = hss.raw("still-served.ims.example.org")) {
            // Precondition: the stuck peer is admitted and up, else the loop below would end at once untested.
            assertThat(stuck.capabilitiesAnswer().resultCode()).isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
            awaitOkay(stuckHost);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 30_000; i++) {
                all.writeBytes(RawRequests.uar(stuck).encode());
            }
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    stuck.send(all.toByteArray());
                } catch (IOException closedByTheHss) {
                    // expected once the HSS gives up on this peer
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long slowest = 0;
            int served = 0;
            while (state(stuckHost) == PeerState.OKAY && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                RawMessage uar = RawRequests.uar(other);
                assertThat(other.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
                slowest = Math.max(slowest, System.nanoTime() - started);
                served++;
                Thread.sleep(20);
            }
            System.out.printf("OverloadIT: peer not reading disconnected: %s; the other peer got %d answers"
                    + " meanwhile, slowest %d ms%n", state(stuckHost) != PeerState.OKAY, served, slowest / 1_000_000);
            assertThat(state(stuckHost)).isNotEqualTo(PeerState.OKAY);
            assertThat(slowest).isLessThan(PROMPT_NANOS);
            flood.get(30, TimeUnit.SECONDS);
            RawMessage uar = RawRequests.uar(other);
            assertThat(other.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    private static void awaitOkay(String host) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (state(host) != PeerState.OKAY) {
            assertThat(System.nanoTime() - deadline).as("%s OKAY at the HSS within 10 s", host).isNegative();
            Thread.sleep(5);
        }
    }

    private static PeerState state(String host) {
        String state = hss.node().diameter().peerState(host);
        return state == null ? null : PeerState.valueOf(state);
    }
}
