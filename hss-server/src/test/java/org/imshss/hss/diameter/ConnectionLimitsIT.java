package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.LogCapture;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.config.TlsSettings;
import org.imshss.node.diameter.transport.ConnectionLimits;
import org.imshss.node.diameter.transport.DiameterTransport;
import org.imshss.node.diameter.transport.TransportSettings;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.imshss.node.testing.TestCertificates;
import org.imshss.node.testing.TestCertificates.Store;
import org.imshss.node.testing.TestCertificates.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accepted connections are bounded over real TCP: one that sends no CER (nor finishes a TLS handshake) is closed
 * after {@code diameter.cer-timeout-ms}; at {@code diameter.max-connections-per-address} or
 * {@code diameter.max-connections} a new one takes the place of the oldest connection still without a CER, and is
 * closed at once only when every place is held by a connection that has sent its CER; while hundreds of connections
 * are held without a CER and more keep coming, a peer still connects, gets its CEA and is answered. The sources are loopback addresses
 * 127.0.0.x, which Linux routes to the loopback interface.
 */
class ConnectionLimitsIT {

    private static final Duration CER_TIMEOUT = Duration.ofMillis(500);
    /** For the node whose held connections must stay until the test closes them. */
    private static final Duration LONG_CER_TIMEOUT = Duration.ofMinutes(5);
    private static final int PER_ADDRESS = 20;
    private static final int TOTAL = 400;
    /** How long a connection refused at accept may take to see its close, on a busy machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static Path dir;
    private static TestHss quick;
    private static int tlsPort;
    private static TestHss capped;

    private final List<Socket> opened = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("connection-limits");
        TestCertificates ca = TestCertificates.generate(dir);
        Store key = ca.leaf("hss", "CN=" + TestHss.HOST, "dns:" + TestHss.HOST, Usage.BOTH);
        tlsPort = TestHss.freePort();
        quick = TestHss.startWithDiameter(d -> d.withTransport(TransportSettings.DEFAULTS.withConnections(
                        new ConnectionLimits(1024, 64, CER_TIMEOUT)))
                .withTls(TlsSettings.of(tlsPort, key.path(), key.password(), ca.truststore().path(),
                        ca.truststore().password())));
        capped = TestHss.startWithDiameter(d -> d.withTransport(TransportSettings.DEFAULTS.withConnections(
                new ConnectionLimits(TOTAL, PER_ADDRESS, LONG_CER_TIMEOUT))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (quick != null) {
            quick.close();
        }
        if (capped != null) {
            capped.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (Socket socket : opened) {
            socket.close();
        }
        opened.clear();
        await(() -> transport(capped).acceptedConnections() == 0, Duration.ofSeconds(30),
                "the HSS counts every closed connection as gone");
    }

    @Test
    void connectionWithoutCerIsClosedAfterTheTimeout() throws Exception {
        Socket silent = open(quick.port(), InetAddress.getLoopbackAddress());
        long started = System.nanoTime();
        assertThat(closedWithin(silent, CER_TIMEOUT.plusSeconds(4))).as("closed by the HSS").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(CER_TIMEOUT);
    }

    @Test
    void stalledTlsHandshakeCountsTowardTheCerTimeout() throws Exception {
        // The first octet of a TLS handshake record, then nothing: the I/O timeout (5 s) would close it later.
        Socket stalled = open(tlsPort, InetAddress.getLoopbackAddress());
        stalled.getOutputStream().write(0x16);
        long started = System.nanoTime();
        assertThat(closedWithin(stalled, Duration.ofSeconds(4))).as("closed before the I/O timeout").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(CER_TIMEOUT);
    }

    @Test
    void peerThatSentItsCerIsNotClosedAtTheTimeout() throws Exception {
        try (RawDiameterClient peer = quick.raw("past-cer-timeout.ims.example.org")) {
            assertThat(peer.closedByPeer((int) CER_TIMEOUT.multipliedBy(3).toMillis())).isFalse();
            RawMessage uar = RawRequests.uar(peer);
            assertThat(peer.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    @Test
    void atThePerAddressCapTheOldestConnectionWithoutCerMakesRoomAndOnlyPeersWithCerAreKept() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            sockets.add(open(capped.port(), source));
        }
        int withCer = 5;
        List<RawDiameterClient> early = new ArrayList<>();
        for (int i = 0; i < withCer; i++) {
            early.add(RawDiameterClient.over(sockets.get(i), "early-" + i + ".ims.example.org", TestHss.REALM));
            assertThat(early.get(i).exchangeCapabilities().resultCode()).isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
        }
        List<Socket> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.add(open(capped.port(), source));
        }
        // The ten oldest without a CER gave their places to the ten new ones; those that sent a CER stay.
        for (Socket evicted : sockets.subList(withCer, withCer + 10)) {
            assertThat(closedWithin(evicted, PROMPTLY)).as("oldest without a CER closed for a new one").isTrue();
        }
        await(() -> transport(capped).acceptedConnections(source) == PER_ADDRESS, PROMPTLY, "the cap held open");
        for (RawDiameterClient peer : early) {
            assertThat(peer.exchange(RawRequests.uar(peer)).resultCode())
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
        List<Socket> kept = new ArrayList<>(sockets.subList(withCer + 10, PER_ADDRESS));
        kept.addAll(later);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(capabilities(kept.get(i), "held-" + i)).as("connection %d open", i)
                    .isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
        }
        // Every place is held by a peer that sent its CER: now a new connection is refused at once.
        Socket refused = open(capped.port(), source);
        assertThat(closedWithin(refused, PROMPTLY)).as("closed at once past the cap").isTrue();
        assertThat(transport(capped).acceptedConnections()).isEqualTo(PER_ADDRESS);
    }

    @Test
    void atTheTotalCapANewConnectionTakesThePlaceOfTheOldestWithoutCer() throws Exception {
        for (int a = 0; a < TOTAL / PER_ADDRESS; a++) {
            InetAddress source = InetAddress.getByName("127.0.1." + (a + 1));
            for (int i = 0; i < PER_ADDRESS; i++) {
                open(capped.port(), source);
            }
        }
        await(() -> transport(capped).acceptedConnections() == TOTAL, PROMPTLY, "the total cap held open");
        Socket oldest = opened.get(0);
        Socket second = opened.get(1);
        Socket fromNewAddress = open(capped.port(), InetAddress.getByName("127.0.2.1"));
        assertThat(closedWithin(oldest, PROMPTLY)).as("the oldest without a CER made room").isTrue();
        Socket peer = open(capped.port(), InetAddress.getLoopbackAddress());
        assertThat(closedWithin(second, PROMPTLY)).as("the next oldest made room").isTrue();
        assertThat(capabilities(fromNewAddress, "new-address")).isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
        assertThat(capabilities(peer, "loopback-peer")).isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
        assertThat(transport(capped).acceptedConnections()).isEqualTo(TOTAL);
    }

    private static long capabilities(Socket socket, String name) throws Exception {
        return RawDiameterClient.over(socket, name + ".ims.example.org", TestHss.REALM).exchangeCapabilities()
                .resultCode();
    }

    @Test
    void peerIsServedWhileConnectionsWithoutCerFloodIn() throws Exception {
        int addresses = TOTAL / PER_ADDRESS - 1;
        int attemptsPerAddress = PER_ADDRESS + 30;
        try (LogCapture log = LogCapture.debug()) {
            long started = System.nanoTime();
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < attemptsPerAddress; i++) {
                        for (int a = 0; a < addresses; a++) {
                            open(capped.port(), InetAddress.getByName("127.0.3." + (a + 1)));
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            await(() -> transport(capped).acceptedConnections() >= TOTAL / 2, Duration.ofSeconds(60),
                    "half the total cap held by the flood");
            try (RawDiameterClient peer = capped.raw("served-during-flood.ims.example.org")) {
                assertThat(peer.capabilitiesAnswer().resultCode()).isEqualTo(ResultCode.DIAMETER_SUCCESS.code());
                RawMessage uar = RawRequests.uar(peer);
                assertThat(peer.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
                flood.get(120, TimeUnit.SECONDS);
                await(() -> transport(capped).acceptedConnections() == addresses * PER_ADDRESS + 1, PROMPTLY,
                        "the flood's connections within the caps, and the peer's");
                // A connection without a CER costs one thread, its reader, which ends with its connection.
                await(() -> threads("diameter-read-aaa://127.0.3.") == addresses * PER_ADDRESS, PROMPTLY,
                        "one reader thread for each connection held, none for those closed");
                assertThat(threads("diameter-write-aaa://127.0.3.")).isZero();
                uar = RawRequests.uar(peer);
                assertThat(peer.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            long refusalLines = log.events().stream().filter(ConnectionLimitsIT::refusal).count();
            System.out.printf("ConnectionLimitsIT: %d connections attempted from %d addresses, %d held, in %d s;"
                    + " %d refusal and eviction log lines%n", addresses * attemptsPerAddress, addresses, addresses * PER_ADDRESS,
                    seconds, refusalLines);
            // Refusals and evictions are each logged at most once every 10 s, however many there are.
            assertThat(refusalLines).isLessThanOrEqualTo(2 * (2 + seconds / 10));
        }
    }

    private static long threads(String namePrefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(namePrefix)).count();
    }

    private static boolean refusal(ILoggingEvent event) {
        return event.getFormattedMessage().contains("closed at accept")
                || event.getFormattedMessage().contains("to make room");
    }

    private static DiameterTransport transport(TestHss hss) {
        return hss.node().diameter().transport();
    }

    /** A connection to the HSS from {@code source}, sending nothing; closed after the test. */
    private Socket open(int port, InetAddress source) throws IOException {
        Socket socket = new Socket();
        synchronized (opened) {
            opened.add(socket);
        }
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return socket;
    }

    /** Whether the HSS closes the connection within {@code wait}: its input ends or it is reset. */
    private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static void await(BooleanSupplier condition, Duration wait, String what) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within %s: %s", wait, what);
            }
            Thread.sleep(10);
        }
    }
}
