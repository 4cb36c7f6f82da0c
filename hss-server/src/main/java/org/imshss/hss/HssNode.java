package org.imshss.hss;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.cx.ProvisioningChanges;
import org.imshss.hss.cx.PushProfile;
import org.imshss.hss.cx.RegistrationTermination;
import org.imshss.hss.s6a.DeleteSubscriberData;
import org.imshss.hss.s6a.EpsProvisioningChanges;
import org.imshss.hss.s6a.InsertSubscriberData;
import org.imshss.hss.sh.ShApplication;
import org.imshss.hss.swx.NetworkDeregistration;
import org.imshss.hss.swx.SwxProvisioningChanges;
import org.imshss.hss.swx.UserProfileUpdate;
import org.imshss.hss.warmup.HssWarmUp;
import org.imshss.http.RestServer;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.DiameterServer;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.RequestSender;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.node.metrics.DiameterMetrics;
import org.imshss.node.metrics.GridGauges;
import org.imshss.node.metrics.StartTimes;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.rest.ProvisioningApi;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.service.ApnProfileProvisioning;
import org.imshss.provisioning.service.AuditRetention;
import org.imshss.provisioning.service.BulkImport;
import org.imshss.provisioning.service.EpsAdministration;
import org.imshss.provisioning.service.RegistrationAdministration;
import org.imshss.provisioning.service.SecretRotation;
import org.imshss.provisioning.service.ServiceDataProvisioning;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.CacheNames;
import org.imshss.provisioning.store.CacheRefill;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.IgniteAuditLog;
import org.imshss.provisioning.store.IgniteEpsStore;
import org.imshss.provisioning.store.IgniteShDataStore;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SiteQuorum;
import org.imshss.provisioning.store.SubscriberData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HSS node: the grid node, the stores over it, the Cx, Sh and S6a procedures and the Diameter server. All wiring
 * of the process happens here, in the constructor order below.
 */
public final class HssNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HssNode.class);
    /** How often the audit trail is trimmed to its retention. */
    private static final Duration AUDIT_RETENTION_PERIOD = Duration.ofHours(1);

    private final DiameterMetrics metrics = new DiameterMetrics();
    private final Keyring keyring;
    private volatile boolean serving;
    private final GridNode grid;
    private final IgniteSubscriberStore store;
    private final IgniteEpsStore epsStore;
    private final DiameterServer diameter;
    private final RegistrationTermination registrationTermination;
    private final PushProfile pushProfile;
    private final ShDataStore shStore;
    private final ShApplication sh;
    private final HssApplications applications;
    private final WarmUpOutcome warmUp;
    private final ExecutorService provisioningWorker;
    private final ProvisioningChanges provisioningChanges;
    private final EpsProvisioningChanges epsProvisioningChanges;
    private final SwxProvisioningChanges swxChanges;
    private final RestServer rest;
    private final AuditRetention auditRetention;
    /** Fills the decoded records from the warm-up on, beside the traffic; null when grid.refill is off. */
    private final CacheRefill refill;

    private HssNode(HssSettings settings, SubscriberData seed) throws Exception {
        StartTimes startTimes = StartTimes.begin();
        keyring = keyring(settings.auth());
        grid = GridNode.start(gridSettings(settings.grid()));
        startTimes.phase("grid");
        try {
            store = new IgniteSubscriberStore(grid.ignite(), RecordCodec.shared(),
                    settings.grid().decodedCacheEntries());
            if (seed != null) {
                store.load(seed);
            }
            startTimes.phase("store");
            Clock clock = Clock.systemUTC();
            LocalIdentity local = new LocalIdentity(settings.diameter().identity(), settings.diameter().realm());
            // One continuous query per cache for both stores: Ignite pays for each on every write (ChangeFeed).
            shStore = new IgniteShDataStore(grid.ignite(), store.changes());
            // The subscriber store's own: a subscriber written through it is read back at once (SharedRecordCache).
            epsStore = store.eps();
            // RTR, PPR and PNR leave through the transport of the server built below, which MAR (8.1.1) needs already.
            AtomicReference<DiameterServer> server = new AtomicReference<>();
            RequestSender sender = new RequestSender(local, () -> server.get().transport(),
                    settings.diameter().requestTimeout(), metrics::sent);
            // The one wiring of the procedures: over the node's stores here, over throwaway ones for the warm-up.
            HssWarmUp.Wiring wiring = (stores, shData, requests) -> HssApplications.wire(settings, stores, shData,
                    keyring, requests, clock, this::guard);
            applications = wiring.wire(store, shStore, sender);
            registrationTermination = applications.registrationTermination();
            sh = applications.sh();
            swxChanges = new SwxProvisioningChanges(epsStore, new NetworkDeregistration(epsStore, sender),
                    new UserProfileUpdate(epsStore, sender));
            diameter = new DiameterServer(settings.diameter(), applications.diameter(), metrics.requests(),
                    List.of());
            server.set(diameter);
            watchGauges();
            pushProfile = new PushProfile(store, applications.userData(), sender, registrationTermination);
            provisioningWorker = provisioningWorker();
            epsProvisioningChanges = new EpsProvisioningChanges(epsStore,
                    new InsertSubscriberData(sender, applications.subscriptionData()), new DeleteSubscriberData(sender),
                    applications.cancelLocation(), provisioningWorker);
            provisioningChanges = new ProvisioningChanges(store, pushProfile, registrationTermination,
                    epsProvisioningChanges, swxChanges, provisioningWorker);
            sh.startNotifications(sender, provisioningChanges);
            // The refill and the REST API start before the warm-up, Diameter after it (/ready is 503 until then):
            // pages come back from disk and the JIT compiles the REST start while the warm-up runs.
            CacheRefill refilling = settings.grid().refill() ? startRefill() : null;
            RestApi restApi = null;
            try {
                restApi = startRestApi(settings, clock);
                startTimes.phase("rest");
                warmUp = HssWarmUp.run(grid, settings, keyring, wiring);
                if (warmUp.ran()) {
                    startTimes.phase("warm-up");
                }
                diameter.start();
                startTimes.phase("diameter");
            } catch (Exception | Error e) {
                // Nothing stays half-started: what is already running stops before the grid does.
                if (refilling != null) {
                    refilling.close();
                }
                if (restApi != null) {
                    restApi.close();
                }
                provisioningWorker.shutdownNow();
                sh.close();
                diameter.close();
                throw e;
            }
            rest = restApi.server();
            auditRetention = restApi.retention();
            refill = refilling;
            serving = true;
        } catch (Exception | Error e) {
            grid.close();
            metrics.close();
            throw e;
        }
        startTimes.ready("HSS", metrics.registry(), log);
    }

    /** The REST API and the audit retention beside it; both null when {@code rest.enabled} is false. */
    private record RestApi(RestServer server, AuditRetention retention) implements AutoCloseable {
        @Override
        public void close() {
            if (retention != null) {
                retention.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    private RestApi startRestApi(HssSettings settings, Clock clock) throws IOException {
        if (!settings.rest().enabled()) {
            return new RestApi(null, null);
        }
        IgniteAuditLog audit = new IgniteAuditLog(grid.ignite(), RecordCodec.shared());
        RestServer server = startRest(settings, clock, audit);
        Duration kept = settings.rest().auditRetention();
        return new RestApi(server, kept.isZero() ? null
                : new AuditRetention(audit, kept, clock).start(AUDIT_RETENTION_PERIOD));
    }

    /** Started before the warm-up; never delays ready, and live traffic keeps priority (CacheRefill). */
    private CacheRefill startRefill() {
        CacheRefill started = store.startRefill();
        GridGauges.watchRefill(metrics.registry(), started);
        return started;
    }

    /** The one thread that sends what provisioning changes tell the network (PPR, RTR, IDR, CLR ...), in order. */
    private static ExecutorService provisioningWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hss-provisioning-push");
            thread.setDaemon(true);
            return thread;
        });
    }

    private void watchGauges() {
        GridGauges.watch(metrics.registry(), grid.ignite(), CacheNames.ALL);
        GridGauges.watchSites(metrics.registry(), grid.ignite(), grid.settings().membership().sites());
        metrics.watchPeers(DiameterServer.peerStates(), diameter::peersByState);
    }

    /** The keyring of the node's secrets; refuses to run without a key where one is required. */
    private static Keyring keyring(HssSettings.AuthSettings auth) {
        Keyring keyring = auth.keyring();
        if (!keyring.sealing() && auth.required()) {
            // Checked here, not when reading the file: --demo supplies its own key.
            throw new InvalidConfigurationException("secrets.keys", "no key-encryption key is configured and "
                    + "secrets.required is true: set HSS_SECRETS_KEYS to id:64-hex-digit-key");
        }
        if (!keyring.sealing()) {
            log.warn("no key-encryption key is configured (secrets.keys): K, OPc and HA1 are stored unencrypted and "
                    + "Digest-MD5 is refused; set HSS_SECRETS_KEYS for production (docs/CONFIGURATION.md)");
        }
        return keyring;
    }

    private RestServer startRest(HssSettings settings, Clock clock, IgniteAuditLog audit) throws IOException {
        // One loader for all (its reader is immutable): each builds a JSON mapper, which costs at start-up.
        SeedLoader loader = new SeedLoader(keyring);
        SubscriberProvisioning subscribers = new SubscriberProvisioning(store, loader, settings.diameter().realm(),
                provisioningChanges, audit, clock);
        ServiceDataProvisioning serviceData = new ServiceDataProvisioning(store, shStore, loader, subscribers,
                provisioningChanges, audit, clock);
        // An RTR is answered or times out within the Diameter request timeout; the REST call waits a little longer.
        RegistrationAdministration registrations = new RegistrationAdministration(store, provisioningChanges, audit,
                clock, settings.diameter().requestTimeout().plusSeconds(1));
        BulkImport imports = new BulkImport(subscribers, store, audit, clock);
        return ProvisioningApi.start(settings.rest(), new ProvisioningApi.Services(store, shStore, subscribers, imports,
                serviceData, registrations, audit, clock, grid,
                new SecretRotation(store, keyring, audit, clock, SecretRotation.DEFAULT_BATCH),
                new ApnProfileProvisioning(store.eps(), loader, provisioningChanges, audit, clock),
                new EpsAdministration(store.eps(), provisioningChanges, audit, clock,
                        settings.diameter().requestTimeout().plusSeconds(1))),
                new RestServer.Observability(metrics::scrape, this::ready));
    }

    /** Starts a node; {@code seed} (may be null) is loaded into the store before Diameter starts listening. */
    public static HssNode start(HssSettings settings, SubscriberData seed) throws Exception {
        return new HssNode(settings, seed);
    }

    private DiameterApplication guard(DiameterApplication application) {
        GridSettings.Sites sites = grid.settings().membership().sites();
        if (sites.writeQuorum() != GridSettings.WriteQuorum.MAJORITY) {
            return application;
        }
        return QuorumGuard.wrap(application, new QuorumGuard.Grid() {
            @Override
            public boolean writesAccepted() {
                return SiteQuorum.writesAccepted(grid.ignite(), sites);
            }

            @Override
            public long topologyVersion() {
                return grid.ignite().cluster().topologyVersion();
            }

            @Override
            public boolean serverLeftSince(long version) {
                return SiteQuorum.serverLeftSince(grid.ignite(), version);
            }
        });
    }

    private static GridSettings gridSettings(HssSettings.GridConfig config) {
        GridSettings settings = GridSettings.defaults(config.instanceName())
                .withBindAddress(config.bindAddress())
                .withPorts(config.discoveryPort(), config.communicationPort())
                .withDiscoveryPortRange(config.discoveryPortRange())
                .withDiscoveryAddresses(config.discoveryAddresses())
                .withBackups(config.backups())
                .withDataRegionMaxBytes(config.dataRegionMaxBytes())
                .withWal(config.walSegmentSizeBytes(), config.walSegments())
                .withDurability(config.durability())
                .withMembership(config.membership())
                .withTls(config.tls());
        return config.persistence()
                ? settings.withPersistence(config.workDirectory())
                : settings.withWorkDirectory(config.workDirectory());
    }

    public IgniteSubscriberStore store() {
        return store;
    }

    public IgniteEpsStore epsStore() {
        return epsStore;
    }

    /** What the provisioning side calls after an EPS change (IDR, DSR, CLR to the MMEs and SGSNs). */
    public EpsProvisioningChanges epsProvisioningChanges() {
        return epsProvisioningChanges;
    }

    public RegistrationTermination registrationTermination() {
        return registrationTermination;
    }

    public PushProfile pushProfile() {
        return pushProfile;
    }

    public ShDataStore shStore() {
        return shStore;
    }


    /** Serving: Diameter listening and the grid active (a cluster waiting for its baseline is not). */
    public boolean ready() {
        try {
            return serving && grid.ignite().cluster().state().active();
        } catch (RuntimeException stopping) {
            return false;
        }
    }

    /** How the warm-up before serving went. */
    public WarmUpOutcome warmUp() {
        return warmUp;
    }

    public DiameterMetrics metrics() {
        return metrics;
    }

    /** The provisioning API's base URI, or null when it is disabled. */
    public URI restUri() {
        return rest == null ? null : rest.baseUri();
    }

    /** The provisioning API, or null when it is disabled. */
    public RestServer rest() {
        return rest;
    }

    public ProvisioningChanges provisioningChanges() {
        return provisioningChanges;
    }

    /** What provisioning calls after it changed USIMs, for their 3GPP AAA servers (SWx PPR and RTR). */
    public SwxProvisioningChanges swxProvisioningChanges() {
        return swxChanges;
    }

    public DiameterServer diameter() {
        return diameter;
    }

    @Override
    public void close() {
        serving = false;
        if (rest != null) {
            rest.close();
        }
        if (auditRetention != null) {
            auditRetention.close();
        }
        provisioningWorker.shutdownNow();
        if (refill != null) {
            refill.close();
        }
        sh.close();
        diameter.close();
        grid.close();
        metrics.close();
    }
}
