package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.jdiameter.api.PeerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Device watchdog (RFC 3539 3.4.1, RFC 6733 5.5): with a short Tw, a peer that leaves DWRs unanswered leaves
 * OKAY and is disconnected; one that answers them stays up and is served.
 */
class WatchdogIT {

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithDiameter(d -> d.withWatchdogInterval(Duration.ofMillis(1000)));
    }

    @AfterAll
    static void stop() throws Exception {
        hss.close();
    }

    @Test
    void silentPeerIsDisconnectedAnsweringPeerStaysUp() throws Exception {
        String silentHost = "silent.ims.example.org";
        try (RawDiameterClient silent = hss.raw(silentHost);
                RawDiameterClient answering = hss.raw("answering.ims.example.org")) {
            answering.setTimeout(200);
            AtomicBoolean watching = new AtomicBoolean(true);
            CompletableFuture<Void> answeringWatchdogs = CompletableFuture.runAsync(() -> {
                while (watching.get()) {
                    try {
                        answering.receive();
                    } catch (SocketTimeoutException quiet) {
                        // DWRs are answered inside receive()
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            long started = System.nanoTime();
            // Reads the HSS's DWRs without answering them, until the HSS closes the connection.
            assertThat(silent.closedByPeer(30_000)).as("silent peer disconnected").isTrue();
            long closedAfter = (System.nanoTime() - started) / 1_000_000;
            assertThat(state(silentHost)).isNotEqualTo(PeerState.OKAY);
            watching.set(false);
            answeringWatchdogs.get(10, TimeUnit.SECONDS);
            answering.setTimeout(5000);
            assertThat(state("answering.ims.example.org")).isEqualTo(PeerState.OKAY);
            RawMessage uar = RawRequests.uar(answering);
            assertThat(answering.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            System.out.printf("WatchdogIT: silent peer disconnected after %d ms with Tw 1000 ms%n", closedAfter);
        }
    }

    private static PeerState state(String host) {
        String state = hss.node().diameter().peerState(host);
        return state == null ? null : PeerState.valueOf(state);
    }
}
