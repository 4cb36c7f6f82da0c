package org.imshss.slf.warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.imshss.diameter.Application;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.TlsSettings;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.DiameterServer;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.warmup.WarmUp;
import org.imshss.node.diameter.warmup.WarmUpClient;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.node.diameter.warmup.WarmUpTally;
import org.imshss.node.metrics.DiameterMetrics;
import org.imshss.provisioning.store.CacheLayout;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.config.SlfSettings.RoutingSettings;
import org.imshss.slf.store.IgniteMappingStore;
import org.imshss.slf.store.MappingStore;
import org.imshss.slf.store.SlfCaches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLF's warm-up before it serves: its Dx and Dh edges and Diameter pipeline, wired as the node wires them but
 * over a throwaway mapping store (caches of this node alone, in an in-memory region, holding
 * {@link WarmUpMappings}), driven over loopback TCP by a {@link WarmUpClient} until the JIT has compiled the lookup
 * and redirect paths. The locator redirects whatever {@code slf.mode} says: a relay would need an HSS to answer.
 * No mapping of the node is read or written, and the node's Diameter metrics count nothing of it.
 */
public final class SlfWarmUp {

    private static final Logger log = LoggerFactory.getLogger(SlfWarmUp.class);
    /** Synthetic users of each kind of mapping: more than one key in every mirror and the identity cache. */
    static final int USERS = 32;
    /** As a CSCF under load keeps outstanding. */
    private static final int IN_FLIGHT = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The node's wiring of its Dx and Dh edges over a mapping store, with the routing they follow. */
    @FunctionalInterface
    public interface Wiring {
        List<DiameterApplication> wire(MappingStore store, RoutingSettings routing);
    }

    private SlfWarmUp() {
    }

    /** Warms the node up when {@code warm-up.enabled}; returns how it went. */
    public static WarmUpOutcome run(GridNode grid, SlfSettings settings, Wiring wiring) {
        if (!settings.warmUp().enabled()) {
            return WarmUpOutcome.NOT_RUN;
        }
        CacheLayout layout = new CacheLayout("warm-up." + grid.settings().instanceName() + ".");
        return WarmUp.run(log, () -> {
            grid.createLocalCaches(layout, SlfCaches.configurations(layout, 0));
            try {
                return drive(grid, layout, settings, wiring);
            } finally {
                grid.destroyCaches(layout);
            }
        });
    }

    private static WarmUpTally drive(GridNode grid, CacheLayout layout, SlfSettings settings, Wiring wiring)
            throws Exception {
        WarmUpMappings mappings = new WarmUpMappings(USERS);
        try (MappingStore store = new IgniteMappingStore(grid.ignite(), RecordCodec.shared(), 0,
                     settings.grid().cachedIdentities(), layout);
             DiameterMetrics metrics = new DiameterMetrics()) {
            store.load(mappings.targets(), mappings.mappings());
            RoutingSettings routing = settings.routing();
            RoutingSettings redirect = new RoutingSettings(SlfSettings.Mode.REDIRECT, List.of(),
                    routing.redirectHostUsage(), routing.redirectMaxCacheTime(), routing.relayTimeout());
            DiameterSettings serving = settings.diameter()
                    .withListener(InetAddress.getLoopbackAddress().getHostAddress(), 0)
                    .withTls(TlsSettings.DISABLED)
                    .withPeers(false, List.of(WarmUpMappings.CLIENT_HOST), List.of(WarmUpMappings.REALM));
            try (DiameterServer diameter = new DiameterServer(serving, wiring.wire(store, redirect),
                    metrics.requests(), List.of())) {
                diameter.start();
                WarmUpTraffic traffic = new WarmUpTraffic(serving.realm(), mappings, settings.warmUp().requests());
                try (WarmUpClient client = WarmUpClient.connect(
                        new InetSocketAddress(serving.bindAddress(), diameter.port()),
                        new LocalIdentity(WarmUpMappings.CLIENT_HOST, WarmUpMappings.REALM),
                        List.of(Application.CX, Application.SH), TIMEOUT)) {
                    // Probes come from another host of the realm: admitted by realm, the client by name.
                    client.withProbes(new LocalIdentity("probe." + WarmUpMappings.REALM, WarmUpMappings.REALM));
                    return client.run(traffic.batches(), traffic.moreRounds(), IN_FLIGHT,
                            settings.warmUp().settleLimit());
                }
            }
        }
    }
}
