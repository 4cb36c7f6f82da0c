package org.imshss.dist.slf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imshss.hss.HssNode;
import org.imshss.hss.config.HssSettings;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.SubscriberData;
import org.imshss.slf.testing.TestSlf;
import org.imshss.slf.testing.TestStack;

/** A real HSS (embedded Ignite node, jDiameter server) on free loopback ports with its own identity and seed. */
public final class TestHssNode implements AutoCloseable {

    private final HssNode node;
    private final String identity;
    private final String realm;
    private final int port;
    private final Path work;

    private TestHssNode(HssNode node, String identity, String realm, int port, Path work) {
        this.node = node;
        this.identity = identity;
        this.realm = realm;
        this.port = port;
        this.work = work;
    }

    /** @param seed a classpath seed file */
    public static TestHssNode start(String identity, String realm, String seed) throws Exception {
        return start(identity, realm, seed, d -> d);
    }

    /** @param diameter changes the test's Diameter settings (e.g. TLS) */
    public static TestHssNode start(String identity, String realm, String seed,
            java.util.function.UnaryOperator<DiameterSettings> diameter) throws Exception {
        SubscriberData data;
        try (InputStream in = TestHssNode.class.getResourceAsStream(seed)) {
            data = new SeedLoader().read(in, seed);
        }
        for (int attempt = 1; ; attempt++) {
            int port = TestStack.freePort();
            Path work = Files.createTempDirectory("slf-it-hss");
            HssSettings settings = new HssSettings(
                    diameter.apply(new DiameterSettings("127.0.0.1", port, identity, realm,
                            "imshss-test", true, Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 4)),
                    new HssSettings.GridConfig("hss-" + identity, "127.0.0.1", TestStack.freePort(), 0,
                            TestStack.freePort(), List.of(), false, work, 0, 10_000),
                    new HssSettings.CxSettings(List.of("ims.example.org", realm), Duration.ofSeconds(60), true, 5,
                            false)).withWarmUp(WarmUpSettings.DISABLED);
            try {
                return new TestHssNode(HssNode.start(settings, data), identity, realm, port, work);
            } catch (IllegalStateException portTaken) {
                TestSlf.delete(work);
                if (attempt == 3) {
                    throw portTaken;
                }
            }
        }
    }

    public String identity() {
        return identity;
    }

    public String realm() {
        return realm;
    }

    public int port() {
        return port;
    }

    public TestStack.PeerRef peerRef() {
        return new TestStack.PeerRef(identity, port, realm);
    }

    @Override
    public void close() throws IOException {
        node.close();
        TestSlf.delete(work);
    }
}
