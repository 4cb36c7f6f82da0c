package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.config.TlsSettings;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.imshss.node.testing.TestCertificates;
import org.imshss.node.testing.TestCertificates.Store;
import org.imshss.node.testing.TestCertificates.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Diameter over TLS (RFC 6733 2.1, 13) with certificates made in the test: a peer with a certificate of the
 * trusted CA that names its Origin-Host is served; no certificate, one of another CA, one naming another host, and
 * plain TCP on the TLS port are refused before anything is processed; framing is still checked inside TLS.
 */
class DiameterTlsIT {

    private static final String SCSCF = "scscf1.ims.example.org";

    private static Path dir;
    private static TestCertificates ca;
    private static Store client;
    private static Store otherCaClient;
    private static TestHss hss;
    private static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("diameter-tls");
        ca = TestCertificates.generate(Files.createDirectory(dir.resolve("ca")));
        Store hssKey = ca.leaf("hss", "CN=" + TestHss.HOST, "dns:" + TestHss.HOST, Usage.BOTH);
        client = ca.leaf("scscf1", "CN=" + SCSCF, "dns:" + SCSCF, Usage.CLIENT);
        otherCaClient = TestCertificates.generate(Files.createDirectory(dir.resolve("other")))
                .leaf("scscf1", "CN=" + SCSCF, "dns:" + SCSCF, Usage.CLIENT);
        tlsPort = TestHss.freePort();
        hss = TestHss.startWithDiameter(d -> d.withTls(TlsSettings.of(tlsPort, hssKey.path(), hssKey.password(),
                ca.truststore().path(), ca.truststore().password())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static SSLSocket tls(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", tlsPort), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    @Test
    void aPeerWithACertificateOfTheTrustedCaIsServed() throws Exception {
        SSLSocket socket = tls(TestCertificates.context(client, ca.truststore()));
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(socket.getSession().getPeerPrincipal().getName()).isEqualTo("CN=" + TestHss.HOST);
        try (RawDiameterClient peer = RawDiameterClient.establish(socket, SCSCF, TestHss.REALM)) {
            assertThat(peer.capabilitiesAnswer().resultCode()).isEqualTo(2001);
            assertThat(peer.exchange(RawRequests.uar(peer)).resultCode())
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    @Test
    void withoutAClientCertificateNothingIsProcessed() throws Exception {
        assertNoDiameter(tls(TestCertificates.context(null, ca.truststore())));
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        assertNoDiameter(tls(TestCertificates.context(otherCaClient, ca.truststore())));
    }

    /** The handshake or the first read after it fails: the server refused the TLS connection, no CEA came. */
    private static void assertNoDiameter(SSLSocket socket) throws IOException {
        try (socket) {
            assertThatThrownBy(() -> {
                socket.startHandshake();
                // TLS 1.3: the client's handshake ends before the server has checked its certificate.
                RawDiameterClient.over(socket, SCSCF, TestHss.REALM).exchangeCapabilities();
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheOriginHostGets3010() throws Exception {
        SSLSocket socket = tls(TestCertificates.context(client, ca.truststore()));
        try (RawDiameterClient impostor = RawDiameterClient.over(socket, "icscf.ims.example.org", TestHss.REALM)) {
            RawMessage cea = impostor.exchangeCapabilities();
            assertThat(cea.resultCode()).isEqualTo(ResultCode.DIAMETER_UNKNOWN_PEER.code());
            assertThat(cea.isError()).isTrue();
            assertThat(impostor.closedByPeer(5000)).isTrue();
        }
    }

    @Test
    void plainDiameterOnTheTlsPortIsClosedUnanswered() throws Exception {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", tlsPort), 2000);
            plain.setSoTimeout(5000);
            RawDiameterClient raw = RawDiameterClient.over(plain, SCSCF, TestHss.REALM);
            raw.send(raw.capabilitiesRequest().encode());
            InputStream in = plain.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("no octet answered, the connection closed").isEqualTo(-1);
        }
    }

    @Test
    void illFramedInputInsideTlsClosesTheConnection() throws Exception {
        SSLSocket socket = tls(TestCertificates.context(client, ca.truststore()));
        try (RawDiameterClient peer = RawDiameterClient.establish(socket, SCSCF, TestHss.REALM)) {
            byte[] uar = RawRequests.uar(peer).encode();
            uar[0] = 2;
            peer.send(uar);
            assertThatThrownBy(peer::receive).isInstanceOfAny(EOFException.class, SocketException.class,
                    javax.net.ssl.SSLException.class);
        }
        // The next connection is served.
        try (RawDiameterClient again = RawDiameterClient.establish(tls(TestCertificates.context(client,
                ca.truststore())), SCSCF, TestHss.REALM)) {
            assertThat(again.exchange(RawRequests.uar(again)).resultCode())
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    @Test
    void plainTcpStaysOpenUnlessTlsOnly() throws Exception {
        try (RawDiameterClient plain = hss.raw("icscf.ims.example.org")) {
            assertThat(plain.capabilitiesAnswer().resultCode()).isEqualTo(2001);
        }
        int onlyTls = TestHss.freePort();
        Store key = ca.leaf("hss-only", "CN=" + TestHss.HOST, "dns:" + TestHss.HOST, Usage.BOTH);
        try (TestHss only = TestHss.startWithDiameter(d -> d.withTls(TlsSettings.of(onlyTls, key.path(),
                key.password(), ca.truststore().path(), ca.truststore().password()).withOnly(true)))) {
            assertThatThrownBy(() -> new Socket("127.0.0.1", only.port()).close()).isInstanceOf(ConnectException.class);
            SSLSocket socket = (SSLSocket) TestCertificates.context(client, ca.truststore()).getSocketFactory()
                    .createSocket("127.0.0.1", onlyTls);
            try (RawDiameterClient peer = RawDiameterClient.establish(socket, SCSCF, TestHss.REALM)) {
                assertThat(peer.exchange(RawRequests.uar(peer)).resultCode())
                        .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
        }
    }
}
