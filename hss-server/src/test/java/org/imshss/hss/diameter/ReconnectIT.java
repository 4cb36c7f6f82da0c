package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.RawRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first request after a fast reconnect is never lost: the same Origin-Host connects, exchanges capabilities
 * and sends a request with no pause after the CEA (RFC 6733 5.3 allows it), round after round, leaving with and
 * without DPR. jDiameter alone loses some of these (its peer state machine drops a request that overtakes the CER,
 * and a CER that arrives while the previous connection's peer winds down).
 */
class ReconnectIT {

    private static final int ROUNDS = 500;
    private static final String HOST = "reconnecting-cscf.ims.example.org";

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
    void everyFirstRequestAfterReconnectIsAnswered() throws Exception {
        int answered = 0;
        int withDpr = 0;
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            boolean disconnectProperly = round % 2 == 0;
            try (RawDiameterClient peer = hss.raw(HOST)) {
                RawMessage uar = RawRequests.uar(peer);
                RawMessage answer = peer.exchange(uar);
                assertThat(answer.hopByHop()).as("round %d", round).isEqualTo(uar.hopByHop());
                assertThat(answer.resultCode()).as("round %d", round)
                        .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
                answered++;
                if (disconnectProperly) {
                    disconnect(peer);
                    withDpr++;
                }
            }
        }
        System.out.printf("ReconnectIT: %d of %d first requests answered (%d rounds left with DPR, %d without)"
                + " in %d ms%n", answered, ROUNDS, withDpr, ROUNDS - withDpr, (System.nanoTime() - started) / 1_000_000);
        assertThat(answered).isEqualTo(ROUNDS);
    }

    private static void disconnect(RawDiameterClient peer) throws IOException {
        int id = peer.nextId();
        RawMessage dpa = peer.exchange(new RawMessage(RawMessage.FLAG_REQUEST, Command.DPR.code(), 0, id, id,
                List.of(RawAvp.of(Avp.ORIGIN_HOST, peer.originHost().getBytes()),
                        RawAvp.of(Avp.ORIGIN_REALM, peer.originRealm().getBytes()),
                        RawAvp.u32(Avp.DISCONNECT_CAUSE, Avp.DISCONNECT_CAUSE.enumValue("DO_NOT_WANT_TO_TALK_TO_YOU")))));
        assertThat(dpa.commandCode()).isEqualTo(Command.DPR.code());
        assertThat(dpa.resultCode()).isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
    }
}
