package org.imshss.hss.warmup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.imshss.diameter.Application;
import org.imshss.hss.HssApplications;
import org.imshss.hss.config.HssSettings;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.TlsSettings;
import org.imshss.node.diameter.DiameterServer;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.RequestSender;
import org.imshss.node.diameter.warmup.WarmUp;
import org.imshss.node.diameter.warmup.WarmUpClient;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.node.diameter.warmup.WarmUpTally;
import org.imshss.node.metrics.DiameterMetrics;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.store.CacheLayout;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.IgniteShDataStore;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.ShDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's warm-up before it serves: the node's own procedures and Diameter pipeline, wired as the node wires them
 * but over a throwaway store (caches of this node alone, in an in-memory region, holding {@link WarmUpSubscribers}),
 * driven over loopback TCP by a {@link WarmUpClient} until the JIT has compiled the request paths. No subscriber's
 * record, counter or notification is touched, and the node's Diameter metrics count nothing of it. A warm-up that
 * fails is logged and skipped: it never stops a node from starting.
 */
public final class HssWarmUp {

    private static final Logger log = LoggerFactory.getLogger(HssWarmUp.class);
    /** Synthetic users: more than one key in every map and decoded-record cache. */
    static final int USERS = 64;
    /** As an S-CSCF under load keeps outstanding: a coverage batch is one request per user, a depth batch more. */
    private static final int IN_FLIGHT = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The node's wiring of its applications over a set of stores, with the sender of their own requests. */
    @FunctionalInterface
    public interface Wiring {
        HssApplications wire(IgniteSubscriberStore store, ShDataStore shStore, RequestSender sender);
    }

    private HssWarmUp() {
    }

    /** Warms the node up when {@code warm-up.enabled}; returns how it went. */
    public static WarmUpOutcome run(GridNode grid, HssSettings settings, Keyring keyring, Wiring wiring) {
        if (!settings.warmUp().enabled()) {
            return WarmUpOutcome.NOT_RUN;
        }
        CacheLayout layout = new CacheLayout("warm-up." + grid.settings().instanceName() + ".");
        return WarmUp.run(log, () -> {
            grid.createLocalCaches(layout);
            try {
                return drive(grid, layout, settings, keyring, wiring);
            } finally {
                grid.destroyCaches(layout);
            }
        });
    }

    private static WarmUpTally drive(GridNode grid, CacheLayout layout, HssSettings settings, Keyring keyring,
            Wiring wiring) throws Exception {
        try (IgniteSubscriberStore store = new IgniteSubscriberStore(grid.ignite(), RecordCodec.shared(),
                     settings.grid().decodedCacheEntries(), null, layout);
             IgniteShDataStore shStore = new IgniteShDataStore(grid.ignite(), store.changes(), layout);
             DiameterMetrics metrics = new DiameterMetrics()) {
            store.load(new WarmUpSubscribers(USERS).data(keyring));
            DiameterSettings serving = settings.diameter()
                    .withListener(InetAddress.getLoopbackAddress().getHostAddress(), 0)
                    .withTls(TlsSettings.DISABLED)
                    .withPeers(false, List.of(WarmUpSubscribers.CLIENT_HOST), List.of(WarmUpSubscribers.REALM));
            // What the procedures send (RTR, CLR) could only go back to the warm-up client, which would fail.
            AtomicReference<DiameterServer> server = new AtomicReference<>();
            RequestSender sender = new RequestSender(new LocalIdentity(serving.identity(), serving.realm()),
                    () -> server.get().transport(), serving.requestTimeout(), metrics::sent);
            try (HssApplications applications = wiring.wire(store, shStore, sender);
                 DiameterServer diameter = new DiameterServer(serving, applications.diameter(), metrics.requests(),
                         List.of())) {
                server.set(diameter);
                diameter.start();
                WarmUpTraffic traffic = new WarmUpTraffic(serving.realm(), USERS, settings.warmUp().requests());
                try (WarmUpClient client = WarmUpClient.connect(
                        new InetSocketAddress(serving.bindAddress(), diameter.port()),
                        new LocalIdentity(WarmUpSubscribers.CLIENT_HOST, WarmUpSubscribers.REALM),
                        List.of(Application.CX, Application.SH, Application.S6A, Application.SWX), TIMEOUT)) {
                    // Probes come from another host of the realm: admitted by realm, the client by name.
                    client.withProbes(new LocalIdentity("probe." + WarmUpSubscribers.REALM, WarmUpSubscribers.REALM));
                    return client.run(traffic.batches(), traffic.moreDepth(), IN_FLIGHT,
                            settings.warmUp().settleLimit());
                }
            }
        }
    }
}
