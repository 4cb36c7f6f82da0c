package org.imshss.hss.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imshss.hss.HssNode;
import org.imshss.hss.config.HssSettings;
import org.imshss.http.ApiToken;
import org.imshss.http.RestSettings;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.RegistrationUpdate;
import org.imshss.provisioning.store.SubscriberData;
import org.imshss.testing.FreePorts;

/**
 * A whole HSS for integration tests: a real embedded Ignite node and the real Diameter stack on free
 * loopback ports, loaded with the demo data and the Cx test seed.
 */
public final class TestHss implements AutoCloseable {

    public static final String HOST = "hss.ims.example.org";
    public static final String REALM = "ims.example.org";

    private final HssNode node;
    private final int port;
    private final Path workDirectory;

    private TestHss(HssNode node, int port, Path workDirectory) {
        this.node = node;
        this.port = port;
        this.workDirectory = workDirectory;
    }

    public static TestHss start() throws Exception {
        return start(settings -> settings);
    }

    public static TestHss start(java.util.function.UnaryOperator<HssSettings.CxSettings> cx) throws Exception {
        return start(cx, null, null);
    }

    /**
     * @param passwordKey the 32-octet auth.password-key, or null for none
     * @param extraSeed a classpath seed loaded (with that key) on top of {@link #seed()}, or null
     */
    public static TestHss start(java.util.function.UnaryOperator<HssSettings.CxSettings> cx, byte[] passwordKey,
            String extraSeed) throws Exception {
        return start(cx, passwordKey, extraSeed, HssSettings.REST_DISABLED);
    }

    /** Loaded with the demo data alone, exactly as {@code --demo} loads it (its application server included). */
    public static TestHss startDemo() throws Exception {
        return startOnce(settings -> settings, null, null, HssSettings.REST_DISABLED, d -> d, false, grid -> grid,
                new SeedLoader().demo());
    }

    /** Loaded with the demo data alone, as {@code --demo} loads it, with the provisioning API on a free port. */
    public static TestHss startDemoWithRest(List<ApiToken> tokens) throws Exception {
        return startOnce(settings -> settings, null, null, RestSettings.local(0, tokens), d -> d, false, grid -> grid,
                new SeedLoader().demo());
    }

    /** With the provisioning API on a free port, accepting these tokens. */
    public static TestHss startWithRest(List<ApiToken> tokens) throws Exception {
        return startWithRest(RestSettings.local(0, tokens));
    }

    /** With the provisioning API configured as given (port 0 picks a free one). */
    public static TestHss startWithRest(RestSettings rest) throws Exception {
        return start(settings -> settings, null, null, rest);
    }

    /**
     * A node with native persistence (under its own temporary directory) and the provisioning API, holding the
     * demo's shared records (profiles, iFCs, S-CSCFs, charging) but no subscriber: an HSS about to be loaded.
     */
    public static TestHss startEmptyPersistentWithRest(List<ApiToken> tokens) throws Exception {
        return start(settings -> settings, null, null, RestSettings.local(0, tokens), d -> d, true);
    }

    /** With Diameter settings changed from the test defaults (transport limits, watchdog interval). */
    public static TestHss startWithDiameter(java.util.function.UnaryOperator<DiameterSettings> diameter)
            throws Exception {
        return start(settings -> settings, null, null, HssSettings.REST_DISABLED, diameter, false);
    }

    /** With Diameter settings changed from the test defaults and secrets sealed under this password key. */
    public static TestHss startWithDiameter(java.util.function.UnaryOperator<DiameterSettings> diameter,
            byte[] passwordKey) throws Exception {
        return start(settings -> settings, passwordKey, null, HssSettings.REST_DISABLED, diameter, false);
    }

    /**
     * As {@link #start()} with secrets sealed under {@code passwordKey}, also serving and admitting the EPC realm
     * an MME of the demo's PLMN addresses (as {@code hss --demo} does).
     */
    public static TestHss startEpc(byte[] passwordKey) throws Exception {
        return startWithDiameter(d -> d.withPeers(false, List.of(), List.of(REALM, DiameterSettings.DEMO_EPC_REALM))
                .withAdditionalRealms(List.of(DiameterSettings.DEMO_EPC_REALM)), passwordKey);
    }

    /** An MME of the EPC realm, speaking S6a, connected to this HSS. */
    public DiameterTestPeer mme(String originHost) throws Exception {
        return DiameterTestPeer.connect(org.imshss.diameter.Application.S6A, originHost,
                DiameterSettings.DEMO_EPC_REALM, freePort(), HOST, port);
    }

    /** With a password key, an extra seed and the provisioning API as given. */
    public static TestHss start(java.util.function.UnaryOperator<HssSettings.CxSettings> cx, byte[] passwordKey,
            String extraSeed, RestSettings rest) throws Exception {
        return start(cx, passwordKey, extraSeed, rest, d -> d, false);
    }

    private static TestHss start(java.util.function.UnaryOperator<HssSettings.CxSettings> cx, byte[] passwordKey,
            String extraSeed, RestSettings rest,
            java.util.function.UnaryOperator<DiameterSettings> diameter, boolean emptyPersistent)
            throws Exception {
        // A port found free can be taken by another process before the node binds it: try fresh ports.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(cx, passwordKey, extraSeed, rest, diameter, emptyPersistent, grid -> grid, seed());
            } catch (IllegalStateException portTaken) {
                if (attempt == 3) {
                    throw portTaken;
                }
            }
        }
    }

    private static TestHss startOnce(java.util.function.UnaryOperator<HssSettings.CxSettings> cx,
            byte[] passwordKey, String extraSeed, RestSettings rest,
            java.util.function.UnaryOperator<DiameterSettings> diameter, boolean emptyPersistent,
            java.util.function.UnaryOperator<HssSettings.GridConfig> grid, SubscriberData seed) throws Exception {
        return startOnce(cx, passwordKey, extraSeed, rest, diameter, emptyPersistent, grid, seed, s -> s);
    }

    /**
     * Loaded with the demo data alone, as {@code --demo} loads it, with the provisioning API on a free port and the
     * warm-up on, as a deployed node starts.
     */
    public static TestHss startDemoWarmedUp(List<ApiToken> tokens) throws Exception {
        return startOnce(settings -> settings, null, null, RestSettings.local(0, tokens), d -> d, false, grid -> grid,
                new SeedLoader().demo(), s -> s.withWarmUp(HssSettings.WARM_UP_DEFAULTS));
    }

    /** As {@link #startEmptyPersistentWithRest(List)}, with the warm-up on, as a deployed node starts. */
    public static TestHss startEmptyPersistentWarmedUp(List<ApiToken> tokens) throws Exception {
        return startOnce(settings -> settings, null, null, RestSettings.local(0, tokens), d -> d, true, grid -> grid,
                seed(), s -> s.withWarmUp(HssSettings.WARM_UP_DEFAULTS));
    }

    private static TestHss startOnce(java.util.function.UnaryOperator<HssSettings.CxSettings> cx,
            byte[] passwordKey, String extraSeed, RestSettings rest,
            java.util.function.UnaryOperator<DiameterSettings> diameter, boolean emptyPersistent,
            java.util.function.UnaryOperator<HssSettings.GridConfig> grid, SubscriberData seed,
            java.util.function.UnaryOperator<HssSettings> adjust) throws Exception {
        int diameterPort = freePort();
        Path work = Files.createTempDirectory("hss-test");
        HssSettings settings = adjust.apply(settings(cx, passwordKey, rest, diameter, emptyPersistent, grid,
                diameterPort, work));
        SubscriberData data = seed;
        if (emptyPersistent) {
            data = new SubscriberData(List.of(), List.of(), List.of(), List.of(), data.serviceProfiles(),
                    data.initialFilterCriteria(), data.sharedIfcSets(), data.chargingInformation(), data.scscfServers(),
                    data.applicationServers(), data.dsai(), List.of(), data.apnProfiles());
        }
        if (extraSeed != null) {
            try (InputStream in = TestHss.class.getResourceAsStream(extraSeed)) {
                data = merge(data, new SeedLoader(settings.auth().keyring()).read(in, extraSeed));
            }
        }
        HssNode node = HssNode.start(settings, data);
        return new TestHss(node, diameterPort, work);
    }

    private static HssSettings settings(java.util.function.UnaryOperator<HssSettings.CxSettings> cx,
            byte[] passwordKey, RestSettings rest, java.util.function.UnaryOperator<DiameterSettings> diameter,
            boolean emptyPersistent, java.util.function.UnaryOperator<HssSettings.GridConfig> grid, int diameterPort,
            Path work) throws IOException {
        return new HssSettings(
                // As deployed: only peers of the realm are admitted (every test peer is of it).
                diameter.apply(new DiameterSettings("127.0.0.1", diameterPort, HOST, REALM, "imshss-test",
                        false, Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 4)
                        .withPeers(false, List.of(), List.of(REALM))),
                grid.apply(new HssSettings.GridConfig("hss-test-" + diameterPort, "127.0.0.1", freePort(), 0, freePort(),
                        List.of(), emptyPersistent, work, 0, 10_000)),
                cx.apply(new HssSettings.CxSettings(List.of(REALM), Duration.ofSeconds(60), true, 5, false)),
                new HssSettings.AuthSettings(passwordKey)).withRest(rest)
                // The many tests start many nodes: a warm-up would only make them slower (WarmUpIT tests it).
                .withWarmUp(WarmUpSettings.DISABLED);
    }

    /**
     * Started as {@code hss --demo} starts on a configuration that admits no peer and has no key: {@code demo} is
     * what {@code --demo} makes of the configuration, and the demo data is loaded with the keyring it gives.
     */
    public static TestHss startDemo(java.util.function.UnaryOperator<HssSettings> demo) throws Exception {
        int diameterPort = freePort();
        Path work = Files.createTempDirectory("hss-test");
        HssSettings settings = demo.apply(settings(c -> c, null, HssSettings.REST_DISABLED,
                d -> d.withPeers(false, List.of(), List.of()), false, g -> g, diameterPort, work));
        HssNode node = HssNode.start(settings, new SeedLoader(settings.auth().keyring()).demo());
        return new TestHss(node, diameterPort, work);
    }

    /**
     * Two HSS nodes in this JVM forming one in-memory cluster with one backup, each with the provisioning API: what
     * one node's API writes, the other's reads, and a write through either is checked against both.
     */
    public static List<TestHss> startPairWithRest(List<ApiToken> tokens) throws Exception {
        List<Integer> discoveryPorts = List.of(freePort(), freePort());
        List<String> discovery = discoveryPorts.stream().map(port -> "127.0.0.1:" + port).toList();
        List<TestHss> nodes = new ArrayList<>();
        for (int port : discoveryPorts) {
            nodes.add(startOnce(settings -> settings, null, null, RestSettings.local(0, tokens), d -> d, false,
                    grid -> new HssSettings.GridConfig(grid.instanceName(), grid.bindAddress(), port, 0,
                            grid.communicationPort(), discovery, false, grid.workDirectory(), 1, 10_000), seed()));
        }
        return nodes;
    }

    /** The demo data with the Cx test subscribers added. */
    public static SubscriberData seed() throws IOException {
        SeedLoader loader = new SeedLoader();
        SubscriberData demo = loader.demo();
        SubscriberData extra;
        try (InputStream in = TestHss.class.getResourceAsStream("/cx-test-seed.json")) {
            extra = loader.read(in, "cx-test-seed.json");
        }
        return merge(demo, extra);
    }

    private static SubscriberData merge(SubscriberData demo, SubscriberData extra) {
        return new SubscriberData(
                concat(demo.subscriptions(), extra.subscriptions()),
                concat(demo.privateIdentities(), extra.privateIdentities()),
                concat(demo.publicIdentities(), extra.publicIdentities()),
                concat(demo.implicitRegistrationSets(), extra.implicitRegistrationSets()),
                concat(demo.serviceProfiles(), extra.serviceProfiles()),
                concat(demo.initialFilterCriteria(), extra.initialFilterCriteria()),
                concat(demo.sharedIfcSets(), extra.sharedIfcSets()),
                concat(demo.chargingInformation(), extra.chargingInformation()),
                concat(demo.scscfServers(), extra.scscfServers()), List.of(), List.of(),
                concat(demo.usims(), extra.usims()), concat(demo.apnProfiles(), extra.apnProfiles()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A port free at the time of the call, below the ephemeral range (see {@link FreePorts}). */
    public static int freePort() throws IOException {
        return FreePorts.next();
    }

    /** Forgets every registration, so each test starts from NOT_REGISTERED. */
    public void resetRegistrations() throws IOException {
        for (var subscription : seed().subscriptions()) {
            String id = subscription.id();
            node.store().updateRegistration(id,
                    current -> new RegistrationUpdate.Outcome<>(RegistrationState.empty(id), Boolean.TRUE));
        }
    }

    public HssNode node() {
        return node;
    }

    public int port() {
        return port;
    }

    /** A CSCF peer connected to this HSS. */
    public DiameterTestPeer peer(String originHost) throws Exception {
        return DiameterTestPeer.connect(originHost, REALM, freePort(), HOST, port);
    }

    public RawDiameterClient raw(String originHost) throws IOException {
        return RawDiameterClient.connect("127.0.0.1", port, originHost, REALM);
    }

    @Override
    public void close() throws IOException {
        node.close();
        try (var files = Files.walk(workDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
