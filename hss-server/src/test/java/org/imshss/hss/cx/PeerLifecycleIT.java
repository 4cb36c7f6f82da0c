package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Capabilities exchange, watchdog and disconnect (RFC 6733 5.3, 5.4, 5.5) as bytes on the wire. */
class PeerLifecycleIT {

    private static final int DWR = 280;
    private static final int DPR = 282;

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
    void capabilitiesAnswerAdvertisesCx() throws Exception {
        try (RawDiameterClient peer = hss.raw("cea-check.ims.example.org")) {
            RawMessage cea = peer.capabilitiesAnswer();
            assertThat(cea.isRequest()).isFalse();
            assertThat(cea.resultCode()).isEqualTo(2001);
            assertThat(cea.avp(Avp.ORIGIN_HOST).orElseThrow().text()).isEqualTo(TestHss.HOST);
            assertThat(cea.avp(Avp.ORIGIN_REALM).orElseThrow().text()).isEqualTo(TestHss.REALM);
            assertThat(cea.avp(Avp.PRODUCT_NAME)).isPresent();
            assertThat(cea.avp(Avp.HOST_IP_ADDRESS)).isPresent();
            assertThat(cea.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID)).anySatisfy(vsai -> {
                assertThat(vsai.member(Avp.VENDOR_ID).orElseThrow().u32()).isEqualTo(Application.CX.vendorId());
                assertThat(vsai.member(Avp.AUTH_APPLICATION_ID).orElseThrow().u32()).isEqualTo(Application.CX.id());
            });
        }
    }

    @Test
    void watchdogIsAnswered() throws Exception {
        try (RawDiameterClient peer = hss.raw("dwr-check.ims.example.org")) {
            int id = peer.nextId();
            RawMessage dwa = peer.exchange(new RawMessage(RawMessage.FLAG_REQUEST, DWR, 0, id, id, List.of(
                    RawAvp.of(Avp.ORIGIN_HOST, peer.originHost().getBytes()),
                    RawAvp.of(Avp.ORIGIN_REALM, peer.originRealm().getBytes()))));
            assertThat(dwa.commandCode()).isEqualTo(DWR);
            assertThat(dwa.isRequest()).isFalse();
            assertThat(dwa.hopByHop()).isEqualTo(id);
            assertThat(dwa.resultCode()).isEqualTo(2001);
        }
    }

    @Test
    void disconnectIsAnsweredAndTheConnectionCloses() throws Exception {
        try (RawDiameterClient peer = hss.raw("dpr-check.ims.example.org")) {
            int id = peer.nextId();
            RawMessage dpa = peer.exchange(new RawMessage(RawMessage.FLAG_REQUEST, DPR, 0, id, id, List.of(
                    RawAvp.of(Avp.ORIGIN_HOST, peer.originHost().getBytes()),
                    RawAvp.of(Avp.ORIGIN_REALM, peer.originRealm().getBytes()),
                    RawAvp.u32(Avp.DISCONNECT_CAUSE, Avp.DISCONNECT_CAUSE.enumValue("REBOOTING")))));
            assertThat(dpa.commandCode()).isEqualTo(DPR);
            assertThat(dpa.resultCode()).isEqualTo(2001);
            assertThat(peer.closedByPeer(5000)).isTrue();
        }
    }
}
