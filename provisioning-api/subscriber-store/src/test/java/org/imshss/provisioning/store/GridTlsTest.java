package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two grid nodes with certificates of one CA form a cluster; a node without TLS, or with a certificate of another
 * CA, is refused by both ports and never joins. Real nodes in one JVM, real TLS, certificates made with keytool.
 */
class GridTlsTest {

    /** Bounds every wait; generous, as the machine may be busy. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static final int DISCOVERY_A = TestGrid.freePort();
    private static final int DISCOVERY_B = TestGrid.freePort();
    private static final int COMMUNICATION_A = TestGrid.freePort();
    private static final List<String> DISCOVERY = List.of("127.0.0.1:" + DISCOVERY_A, "127.0.0.1:" + DISCOVERY_B);

    @TempDir
    static Path work;

    private static GridCertificates ca;
    private static GridCertificates otherCa;
    private static GridNode nodeA;
    private static GridNode nodeB;
    private static IgniteSubscriberStore storeA;
    private static IgniteSubscriberStore storeB;

    @BeforeAll
    static void start() throws Exception {
        ca = GridCertificates.authority(work, "grid");
        otherCa = GridCertificates.authority(work, "other");
        GridTls tlsA = GridCertificates.tls(ca.node("tls-a"), ca.truststore());
        GridTls tlsB = GridCertificates.tls(ca.node("tls-b"), ca.truststore());
        nodeA = GridNode.start(TestGrid.member("tls-a", DISCOVERY_A, COMMUNICATION_A, work.resolve("a"), DISCOVERY)
                .withTls(tlsA));
        nodeB = GridNode.start(TestGrid.member("tls-b", DISCOVERY_B, TestGrid.freePort(), work.resolve("b"), DISCOVERY)
                .withTls(tlsB));
        awaitServers(2);
        storeA = new IgniteSubscriberStore(nodeA.ignite());
        storeB = new IgniteSubscriberStore(nodeB.ignite());
    }

    @AfterAll
    static void stop() throws Exception {
        if (storeB != null) {
            storeB.close();
            storeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
            awaitServers(1);
            ((IgniteEx) nodeA.ignite()).context().cache().context().exchange().lastTopologyFuture().get(30_000);
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void nodesWithCertificatesOfTheCaFormOneClusterAndShareData() {
        assertThat(nodeA.ignite().cluster().forServers().nodes()).hasSize(2);
        storeA.putPublicIdentity(Samples.publicIdentity("sip:tls@ims.example.org", "tls", "tls@ims.example.org"));
        assertThat(storeB.publicIdentity("sip:tls@ims.example.org")).isPresent();
        // An entry processor, whose update crosses as Java-serialized bytes to the primary copy on either node.
        storeB.updateRegistration("tls", new TestUpdates.AssignIfFree("sip:scscf-tls"));
        assertThat(storeA.registration("tls").scscfName()).isEqualTo("sip:scscf-tls");
    }

    @Test
    void aNodeWithoutTlsCannotJoin() {
        GridSettings plain = TestGrid.member("plain-c", TestGrid.freePort(), TestGrid.freePort(), work.resolve("c"),
                DISCOVERY);
        assertRefused(GridNode.configuration(plain));
    }

    @Test
    void aNodeWithACertificateOfAnotherCaCannotJoin() throws Exception {
        // It trusts the cluster's CA, so only the cluster's refusal of its certificate keeps it out.
        GridSettings foreign = TestGrid.member("foreign-d", TestGrid.freePort(), TestGrid.freePort(),
                work.resolve("d"), DISCOVERY).withTls(GridCertificates.tls(otherCa.node("foreign-d"), ca.truststore()));
        assertRefused(GridNode.configuration(foreign));
    }

    /** The check of a refusal takes no failure for one: a node of the cluster's CA that cannot bind its port. */
    @Test
    void aStartThatFailsForAnotherReasonIsNotTakenForARefusal() throws Exception {
        GridSettings clash = TestGrid.member("clash-e", TestGrid.freePort(), COMMUNICATION_A, work.resolve("e"),
                DISCOVERY).withTls(GridCertificates.tls(ca.node("clash-e"), ca.truststore()));
        assertThatThrownBy(() -> assertRefused(GridNode.configuration(clash)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("refused by TLS");
    }

    @Test
    void bothPortsNeedAClientCertificateAndSpeakOnlyTls12Or13() throws Exception {
        GridCertificates.Store client = ca.node("probe");
        GridCertificates.Store foreign = otherCa.node("foreign-probe");
        for (int port : List.of(DISCOVERY_A, COMMUNICATION_A)) {
            try (SSLSocket socket = connect(port, client, "TLSv1.3", "TLSv1.2")) {
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isIn(GridTls.PROTOCOLS);
            }
            // TLS 1.2: the server's refusal of the client certificate ends the handshake itself.
            assertThatThrownBy(() -> handshake(port, null)).as("port %d without a certificate", port)
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> handshake(port, foreign)).as("port %d with another CA's certificate", port)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void anUnusableStoreNamesItsSettingAndNeverThePassword() throws Exception {
        GridCertificates.Store key = ca.node("misconfigured");
        String wrong = "not-" + key.password();
        assertThatThrownBy(() -> new GridTls(key.path(), wrong, ca.truststore().path(), ca.truststore().password())
                .contextFactory())
                .isInstanceOfSatisfying(GridTls.InvalidGridTlsException.class,
                        e -> assertThat(e.setting()).isEqualTo("grid.tls.keystore-password"))
                .message().doesNotContain(wrong).doesNotContain(key.password());
        assertThatThrownBy(() -> new GridTls(key.path(), key.password(), work.resolve("missing.p12"), "x")
                .contextFactory())
                .isInstanceOfSatisfying(GridTls.InvalidGridTlsException.class,
                        e -> assertThat(e.setting()).isEqualTo("grid.tls.truststore"));
        // A keystore given as truststore holds a key entry but no trusted certificate.
        assertThatThrownBy(() -> new GridTls(key.path(), key.password(), key.path(), key.password()).contextFactory())
                .isInstanceOfSatisfying(GridTls.InvalidGridTlsException.class,
                        e -> assertThat(e.setting()).isEqualTo("grid.tls.truststore"));
        assertThat(new GridTls(key.path(), key.password(), ca.truststore().path(), ca.truststore().password())
                .toString()).doesNotContain(key.password()).doesNotContain(ca.truststore().password());
    }

    /**
     * The node's start fails within the bound (the join timeout ends it at the latest, so it cannot hang), the
     * cluster still has its two servers, and the failure is the cluster's refusal of the node's TLS.
     *
     * <p>Ignite's discovery reports that refusal in more than one way. It connects to each address and retries a
     * failed attempt: three attempts that end in a TLS failure (the alert the cluster sends: bad_certificate, or
     * for a node without TLS the alert record it cannot read, which Ignite turns into an SSLException) end the start
     * with "Unable to establish secure connection". An attempt that ends otherwise, such as a reset from a cluster
     * node that had already closed the socket or a read that timed out on a busy machine, is retried without
     * counting, until failureDetectionTimeout; the next address follows, and the join timeout ends the start with
     * "Failed to connect to any address from IP finder within join timeout", the attempts hung on it as suppressed
     * exceptions. So the evidence is looked for in every cause and suppressed exception.
     */
    private static void assertRefused(IgniteConfiguration configuration) {
        ((TcpDiscoverySpi) configuration.getDiscoverySpi()).setJoinTimeout(15_000);
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Throwable failure;
        try {
            Future<Ignite> start = starter.submit(() -> Ignition.start(configuration));
            failure = catchThrowable(() -> start.get(WAIT.toSeconds(), TimeUnit.SECONDS).close());
        } finally {
            starter.shutdownNow();
        }
        assertThat(failure).as("start of %s", configuration.getIgniteInstanceName())
                .isInstanceOf(ExecutionException.class);
        List<Throwable> all = causesAndSuppressed(failure);
        assertThat(all).as("a start failure not refused by TLS: %s", stackTrace(failure))
                .noneMatch(t -> t instanceof BindException)
                .anyMatch(GridTlsTest::isTlsRefusal);
        assertThat(nodeA.ignite().cluster().forServers().nodes()).hasSize(2);
        assertThat(nodeB.ignite().cluster().forServers().nodes()).hasSize(2);
    }

    /**
     * A TLS failure (SSLException: the peer's alert, or the alert record a node without TLS received), Ignite's
     * conclusion from three of them, or the peer closing the connection while the TLS layer read or wrote.
     */
    private static boolean isTlsRefusal(Throwable t) {
        return t instanceof SSLException
                || String.valueOf(t.getMessage()).contains("Unable to establish secure connection")
                || t instanceof IOException && Arrays.stream(t.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().startsWith("sun.security.ssl."));
    }

    private static List<Throwable> causesAndSuppressed(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>(List.of(failure));
        while (!next.isEmpty()) {
            Throwable t = next.pop();
            if (seen.add(t)) {
                all.add(t);
                if (t.getCause() != null) {
                    next.push(t.getCause());
                }
                Arrays.stream(t.getSuppressed()).forEach(next::push);
            }
        }
        return all;
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void handshake(int port, GridCertificates.Store key) throws Exception {
        try (SSLSocket socket = connect(port, key, "TLSv1.2")) {
            socket.startHandshake();
            // Whatever the server decided, it tells on the first read.
            socket.getInputStream().read();
        }
    }

    private static SSLSocket connect(int port, GridCertificates.Store key, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (key != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(key), key.password().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(ca.truststore()));
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.setEnabledProtocols(protocols);
        return socket;
    }

    private static KeyStore load(GridCertificates.Store store) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store.path())) {
            keys.load(in, store.password().toCharArray());
        }
        return keys;
    }

    private static void awaitServers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (nodeA.ignite().cluster().forServers().nodes().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(nodeA.ignite().cluster().forServers().nodes()).hasSize(count);
    }
}
