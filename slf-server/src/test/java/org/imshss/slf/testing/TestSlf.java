package org.imshss.slf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.imshss.http.RestSettings;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.slf.SlfNode;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.MappingFile;

/** A real SLF (embedded Ignite node, jDiameter server) on free loopback ports. */
public final class TestSlf implements AutoCloseable {

    public static final String IDENTITY = "slf.ims.example.org";
    public static final String REALM = "ims.example.org";

    private final SlfNode node;
    private final int port;
    private final Path work;

    private TestSlf(SlfNode node, int port, Path work) {
        this.node = node;
        this.port = port;
        this.work = work;
    }

    public static TestSlf start(SlfSettings.RoutingSettings routing, MappingFile.Content mappings) throws Exception {
        return start(routing, mappings, SlfSettings.REST_DISABLED);
    }

    /** @param rest the mapping API; port 0 takes a free port */
    public static TestSlf start(SlfSettings.RoutingSettings routing, MappingFile.Content mappings, RestSettings rest)
            throws Exception {
        return start(routing, mappings, rest, d -> d);
    }

    /** @param diameter changes the test's Diameter settings (e.g. TLS) */
    public static TestSlf start(SlfSettings.RoutingSettings routing, MappingFile.Content mappings, RestSettings rest,
            java.util.function.UnaryOperator<DiameterSettings> diameter) throws Exception {
        return start(routing, mappings, rest, diameter, WarmUpSettings.DISABLED);
    }

    /** A node that warms up as deployed (the default warm-up), which the other tests' nodes do not, for speed. */
    public static TestSlf startWarmedUp(SlfSettings.RoutingSettings routing, MappingFile.Content mappings,
            RestSettings rest) throws Exception {
        return start(routing, mappings, rest, d -> d, SlfSettings.WARM_UP_DEFAULTS);
    }

    private static TestSlf start(SlfSettings.RoutingSettings routing, MappingFile.Content mappings, RestSettings rest,
            java.util.function.UnaryOperator<DiameterSettings> diameter, WarmUpSettings warmUp) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int port = TestStack.freePort();
            Path work = Files.createTempDirectory("slf-it");
            SlfSettings settings = new SlfSettings(
                    diameter.apply(new DiameterSettings("127.0.0.1", port, IDENTITY, REALM,
                            "imshss-slf-test", true, Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 4)),
                    new SlfSettings.GridConfig("slf-test-" + port, "127.0.0.1", TestStack.freePort(), 0,
                            TestStack.freePort(), List.of(), false, work, 0, 10_000),
                    routing, rest, warmUp);
            try {
                return new TestSlf(SlfNode.start(settings, mappings), port, work);
            } catch (IllegalStateException portTaken) {
                delete(work);
                if (attempt == 3) {
                    throw portTaken;
                }
            }
        }
    }

    public SlfNode node() {
        return node;
    }

    public int port() {
        return port;
    }

    public TestStack.PeerRef peerRef() {
        return new TestStack.PeerRef(IDENTITY, port, REALM);
    }

    /** Deletes a node's work directory and everything in it. */
    public static void delete(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() throws IOException {
        node.close();
        delete(work);
    }
}
