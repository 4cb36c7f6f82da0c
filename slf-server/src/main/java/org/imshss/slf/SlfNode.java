package org.imshss.slf;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.imshss.http.RestServer;
import org.imshss.node.diameter.DiameterServer;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.RemotePeer;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.node.metrics.DiameterMetrics;
import org.imshss.node.metrics.GridGauges;
import org.imshss.node.metrics.StartTimes;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.WritesRefused;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.dh.DhMessages;
import org.imshss.slf.diameter.Redirection;
import org.imshss.slf.diameter.Relaying;
import org.imshss.slf.diameter.SubscriptionLocator;
import org.imshss.slf.dx.DxMessages;
import org.imshss.slf.lookup.HssLookup;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.rest.SlfMappingsResource;
import org.imshss.slf.store.IgniteMappingStore;
import org.imshss.slf.store.MappingStore;
import org.imshss.slf.store.SlfCaches;
import org.imshss.slf.warmup.SlfWarmUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLF node: the grid node, the mapping store over it, the Dx and Dh edges, their warm-up and the Diameter
 * server. All wiring of the process happens here.
 */
public final class SlfNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlfNode.class);

    private final DiameterMetrics metrics = new DiameterMetrics();
    private final GridNode grid;
    private final MappingStore store;
    private final DiameterServer diameter;
    private final RestServer rest;
    private final WarmUpOutcome warmUp;

    private SlfNode(SlfSettings settings, MappingFile.Content mappings) throws Exception {
        StartTimes startTimes = StartTimes.begin();
        grid = GridNode.start(gridSettings(settings.grid()));
        startTimes.phase("grid");
        try {
            store = new IgniteMappingStore(grid.ignite(), RecordCodec.shared(), settings.grid().backups(),
                    settings.grid().cachedIdentities());
            if (mappings != null) {
                store.load(mappings.targets(), mappings.mappings());
            }
            startTimes.phase("store");
            LocalIdentity local = new LocalIdentity(settings.diameter().identity(), settings.diameter().realm());
            SlfSettings.RoutingSettings routing = settings.routing();
            // The relay sends over the server its own applications are part of: it reaches it through this
            // reference, set before the server starts, so before any request can arrive.
            AtomicReference<DiameterServer> server = new AtomicReference<>();
            Relaying relaying = new Relaying(local, Relaying.Upstream.of(server::get), routing.relayTimeout());
            // The one wiring of the Dx and Dh edges: over the node's store here, over a throwaway one for the warm-up.
            SlfWarmUp.Wiring wiring = (mappingStore, routes) -> {
                SubscriptionLocator locator = new SubscriptionLocator(new HssLookup(mappingStore), routes,
                        new Redirection(routes.redirectHostUsage(), routes.redirectMaxCacheTime()), relaying);
                return List.of(new DxMessages(locator).application(), new DhMessages(locator).application());
            };
            diameter = new DiameterServer(settings.diameter(), wiring.wire(store, routing), metrics.requests(),
                    relayPeers(store));
            server.set(diameter);
            metrics.watchPeers(DiameterServer.peerStates(), diameter::peersByState);
            GridGauges.watch(metrics.registry(), grid.ignite(), SlfCaches.ALL);
            warmUp = SlfWarmUp.run(grid, settings, wiring);
            if (warmUp.ran()) {
                startTimes.phase("warm-up");
            }
            diameter.start();
            startTimes.phase("diameter");
            try {
                rest = settings.rest().enabled()
                        ? RestServer.start(settings.rest(), new RestServer.Api(Set.of(new SlfMappingsResource(store)),
                                WritesRefused::isCause, Map.of(), Map.of()),
                                new RestServer.Observability(metrics::scrape, this::ready))
                        : null;
                startTimes.phase("rest");
            } catch (Exception | Error e) {
                diameter.close();
                throw e;
            }
        } catch (Exception | Error e) {
            grid.close();
            metrics.close();
            throw e;
        }
        startTimes.ready("SLF", metrics.registry(), log);
    }

    /** Serving: the grid is active (Diameter listens from start-up on). */
    private boolean ready() {
        try {
            return grid.ignite().cluster().state().active();
        } catch (RuntimeException stopping) {
            return false;
        }
    }

    /**
     * Starts a node; {@code mappings} (may be null) are stored before Diameter starts listening. The nodes of the
     * HSS targets known at start are the peers a relay connects to.
     */
    public static SlfNode start(SlfSettings settings, MappingFile.Content mappings) throws Exception {
        return new SlfNode(settings, mappings);
    }

    /**
     * Every node of every target, once (two targets may share nodes). A node whose address cannot be resolved
     * is left out with a warning: it can still be named in redirects, and one bad name must not stop the SLF.
     */
    private static List<RemotePeer> relayPeers(MappingStore store) {
        Map<String, RemotePeer> peers = new LinkedHashMap<>();
        for (HssTarget target : store.targets()) {
            for (HssHost host : target.hosts()) {
                if (peers.containsKey(host.identity())) {
                    continue;
                }
                String address = host.address() != null ? host.address() : host.identity();
                try {
                    InetAddress.getByName(address);
                } catch (UnknownHostException e) {
                    log.warn("HSS node {} of {}: cannot resolve {}, not relaying to it", host.identity(),
                            target.name(), address);
                    continue;
                }
                peers.put(host.identity(), new RemotePeer(host.identity(), host.address(), host.port(),
                        target.realm()));
            }
        }
        return new ArrayList<>(peers.values());
    }

    private static GridSettings gridSettings(SlfSettings.GridConfig config) {
        GridSettings settings = GridSettings.defaults(config.instanceName())
                .withBindAddress(config.bindAddress())
                .withPorts(config.discoveryPort(), config.communicationPort())
                .withDiscoveryPortRange(config.discoveryPortRange())
                .withDiscoveryAddresses(config.discoveryAddresses())
                .withBackups(config.backups())
                .withTls(config.tls());
        return config.persistence()
                ? settings.withPersistence(config.workDirectory())
                : settings.withWorkDirectory(config.workDirectory());
    }

    /** Whether the relay connection to this HSS node is open (capabilities exchanged). */
    public boolean relayPeerConnected(String identity) {
        return diameter.connected(identity);
    }

    /** The mapping API's base URI with the port actually bound, or null when it is off. */
    public URI restUri() {
        return rest == null ? null : rest.baseUri();
    }

    public MappingStore store() {
        return store;
    }

    /** How the warm-up before serving went. */
    public WarmUpOutcome warmUp() {
        return warmUp;
    }

    @Override
    public void close() {
        if (rest != null) {
            rest.close();
        }
        diameter.close();
        store.close();
        grid.close();
        metrics.close();
    }
}
