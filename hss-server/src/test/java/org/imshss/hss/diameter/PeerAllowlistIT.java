package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.junit.jupiter.api.Test;

/**
 * Peers admitted at the capabilities exchange (RFC 6733 5.3): named hosts and hosts of named realms get CEA 2001
 * and are served; anyone else gets a CEA with 3010 DIAMETER_UNKNOWN_PEER (E bit, 7.1.3) and the connection closes
 * without anything after the CER being processed. Accepting any peer and the demo's realm are settings.
 */
class PeerAllowlistIT {

    private static final String PARTNER = "icscf.partner.example.net";

    @Test
    void namedHostsAndHostsOfNamedRealmsAreServedOthersGet3010() throws Exception {
        try (TestHss hss = TestHss.startWithDiameter(
                d -> d.withPeers(false, List.of("ICSCF.Partner.example.NET"), List.of(TestHss.REALM)))) {
            try (RawDiameterClient named = RawDiameterClient.connect("127.0.0.1", hss.port(), PARTNER,
                    "partner.example.net")) {
                assertThat(named.exchange(RawRequests.uar(named)).resultCode())
                        .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
            try (RawDiameterClient ofRealm = RawDiameterClient.connect("127.0.0.1", hss.port(),
                    "scscf9.ims.example.org", "IMS.example.org")) {
                assertThat(ofRealm.exchange(RawRequests.uar(ofRealm)).resultCode())
                        .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
            // Another host of the partner's realm is not named, and the realm is not allowed.
            assertRefused(hss, "other.partner.example.net", "partner.example.net");
            assertRefused(hss, "stranger.evil.example", "evil.example");
            // Still serving the allowed ones after the refusals.
            try (RawDiameterClient again = RawDiameterClient.connect("127.0.0.1", hss.port(), PARTNER,
                    "partner.example.net")) {
                assertThat(again.exchange(RawRequests.uar(again)).resultCode())
                        .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
        }
    }

    @Test
    void acceptAnyPeerAdmitsAStranger() throws Exception {
        try (TestHss hss = TestHss.startWithDiameter(d -> d.withPeers(true, List.of(), List.of()));
                RawDiameterClient stranger = RawDiameterClient.connect("127.0.0.1", hss.port(),
                        "stranger.evil.example", "evil.example")) {
            assertThat(stranger.capabilitiesAnswer().resultCode()).isEqualTo(2001);
            assertThat(stranger.exchange(RawRequests.uar(stranger)).resultCode())
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    @Test
    void theDemoAdmitsTheDemoRealmOnly() throws Exception {
        try (TestHss hss = TestHss.startWithDiameter(d -> d.withPeers(false, List.of(), List.of()).withDemoPeers())) {
            try (RawDiameterClient icscf = RawDiameterClient.connect("127.0.0.1", hss.port(),
                    "icscf.ims.example.org", "ims.example.org")) {
                assertThat(icscf.exchange(RawRequests.uar(icscf)).resultCode())
                        .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
            assertRefused(hss, "icscf.elsewhere.example", "elsewhere.example");
        }
    }

    @Test
    void nobodyIsAdmittedWhenNothingIsAllowed() throws Exception {
        try (TestHss hss = TestHss.startWithDiameter(d -> d.withPeers(false, List.of(), List.of()))) {
            assertRefused(hss, "icscf.ims.example.org", TestHss.REALM);
        }
    }

    /** The CEA says 3010 with what any CEA carries, and a request sent right after the CER is never answered. */
    private static void assertRefused(TestHss hss, String originHost, String originRealm) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", hss.port()), 2000);
        try (RawDiameterClient client = RawDiameterClient.over(socket, originHost, originRealm)) {
            // The CER and a UAR in one write: the UAR must be dropped unread, not answered.
            byte[] cer = client.capabilitiesRequest().encode();
            byte[] uar = RawRequests.uar(client).encode();
            byte[] both = new byte[cer.length + uar.length];
            System.arraycopy(cer, 0, both, 0, cer.length);
            System.arraycopy(uar, 0, both, cer.length, uar.length);
            client.send(both);
            RawMessage cea = client.receive();
            assertThat(cea.commandCode()).isEqualTo(257);
            assertThat(cea.resultCode()).as(originHost).isEqualTo(ResultCode.DIAMETER_UNKNOWN_PEER.code());
            assertThat(cea.isError()).as("E bit").isTrue();
            assertThat(cea.isRequest()).isFalse();
            assertThat(cea.avp(Avp.ORIGIN_HOST).orElseThrow().text()).isEqualTo(TestHss.HOST);
            assertThat(cea.avp(Avp.ORIGIN_REALM).orElseThrow().text()).isEqualTo(TestHss.REALM);
            assertThat(cea.avp(Avp.HOST_IP_ADDRESS)).isPresent();
            assertThat(cea.avp(Avp.VENDOR_ID).orElseThrow().u32()).isZero();
            assertThat(cea.avp(Avp.PRODUCT_NAME).orElseThrow().text()).isEqualTo("imshss-test");
            assertThatThrownBy(client::receive).as("nothing after the CEA but the close")
                    .isInstanceOfAny(EOFException.class, SocketException.class);
        }
    }
}
