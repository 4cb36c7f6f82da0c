package org.imshss.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated stores load with their passwords, hold the chains they claim, and work in a real handshake. */
class TestCertificatesTest {

    @TempDir
    static Path dir;

    static TestCertificates certs;

    @BeforeAll
    static void generate() throws Exception {
        long started = System.nanoTime();
        certs = TestCertificates.generate(dir);
        System.out.printf("TestCertificates: CA, 3 leaves, self-signed and truststore in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theServerChainIsLeafThenCaAndValidatesAgainstTheTruststore() throws Exception {
        List<X509Certificate> chain = certs.server().chain();
        assertThat(chain).hasSize(2);
        X509Certificate leaf = chain.get(0);
        X509Certificate ca = chain.get(1);
        leaf.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).as("CA basic constraints").isGreaterThanOrEqualTo(0);
        assertThat(leaf.getBasicConstraints()).as("leaf is no CA").isEqualTo(-1);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certs.server().privateKey()).isNotNull();
        assertThat(certs.server().privateKey().getAlgorithm()).isEqualTo("EC");

        KeyStore trust = certs.truststore().load();
        assertThat(trust.size()).isEqualTo(1);
        assertThat(trust.isCertificateEntry("test-ca")).isTrue();
        assertThat(trust.getCertificate("test-ca")).isEqualTo(ca);
        validate(chain, trust);
        assertThat(Files.readString(certs.caPem())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void clientExpiredAndSelfSignedAreWhatTheySay() throws Exception {
        KeyStore trust = certs.truststore().load();
        List<X509Certificate> client = certs.client().chain();
        assertThat(client).hasSize(2);
        assertThat(client.get(0).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        validate(client, trust);

        X509Certificate expired = certs.expired().chain().get(0);
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> validate(certs.expired().chain(), trust))
                .isInstanceOf(CertPathValidatorException.class);

        List<X509Certificate> self = certs.selfSigned().chain();
        assertThat(self).hasSize(1);
        assertThat(self.get(0).getSubjectX500Principal()).isEqualTo(self.get(0).getIssuerX500Principal());
        assertThatThrownBy(() -> validate(self, trust)).isInstanceOf(CertPathValidatorException.class);

        assertThat(List.of(certs.ca(), certs.truststore(), certs.server(), certs.client(), certs.expired(),
                certs.selfSigned())).extracting(TestCertificates.Store::password).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
    }

    @Test
    void aMutualHandshakeOverLoopbackWorksWithTheCaAndFailsWithoutIt() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) TestCertificates.context(certs.server(), certs.truststore())
                .getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    InputStream in = accepted.getInputStream();
                    int b = in.read();
                    accepted.getOutputStream().write(b + 1);
                    accepted.getOutputStream().flush();
                    return ((X509Certificate) accepted.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (Exception e) {
                    return e.getClass().getSimpleName();
                }
            });
            try (SSLSocket socket = (SSLSocket) TestCertificates.context(certs.client(), certs.truststore())
                    .getSocketFactory().createSocket("localhost", server.getLocalPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(41);
                out.flush();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
            }
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo("CN=provisioning client");

            CompletableFuture<String> refused = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    return "handshake completed";
                } catch (Exception e) {
                    return e.getClass().getSimpleName();
                }
            });
            try (SSLSocket socket = (SSLSocket) TestCertificates.context(certs.client(), null)
                    .getSocketFactory().createSocket("localhost", server.getLocalPort())) {
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
            assertThat(refused.get(30, TimeUnit.SECONDS)).isNotEqualTo("handshake completed");
        }
    }

    @Test
    void pemFilesHoldTheChainAndAPkcs8Key() throws Exception {
        Path[] pem = certs.pem(certs.client());
        String chain = Files.readString(pem[0]);
        assertThat(chain.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
        try (InputStream in = Files.newInputStream(pem[0])) {
            List<Object> read = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            assertThat(read).containsExactlyElementsOf(certs.client().chain());
        }
        assertThat(Files.readString(pem[1])).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    private static void validate(List<X509Certificate> chain, KeyStore trust) throws Exception {
        PKIXParameters parameters = new PKIXParameters(trust);
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), parameters);
    }
}
