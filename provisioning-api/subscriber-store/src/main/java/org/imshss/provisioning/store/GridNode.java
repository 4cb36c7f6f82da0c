package org.imshss.provisioning.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.ClusterNodeAttributeAffinityBackupFilter;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.AtomicConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.FailureHandler;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.failure.StopNodeOrHaltFailureHandler;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Ignite server node holding the subscriber caches. Closing it stops the node; stores built
 * on it must be closed first.
 */
public final class GridNode implements ClusterAdministration, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);

    /**
     * Per-subscriber caches are large; the shared ones (profiles, iFCs, S-CSCFs...) hold a handful of entries.
     * 256 partitions spread a cluster of up to a few dozen nodes evenly; each partition is a B+tree, a free list
     * and, with persistence, a file, so Ignite's default of 1,024 cost a bulk import 30-40 % of its grid time
     * (docs/BENCHMARKS.md, run P4). A persisted cache keeps the count it was created with.
     */
    private static final int LARGE_CACHE_PARTITIONS = 256;
    private static final int SMALL_CACHE_PARTITIONS = 64;
    /** The in-memory data region of {@link #createLocalCaches local caches}, whatever the node's persistence. */
    public static final String LOCAL_REGION = "warm-up";
    private static final long LOCAL_REGION_BYTES = 64L * 1024 * 1024;

    private final GridSettings settings;
    private final Ignite ignite;

    private GridNode(GridSettings settings, Ignite ignite) {
        this.settings = settings;
        this.ignite = ignite;
    }

    /**
     * Starts the node and, with persistence, returns once the cluster is active: a new cluster is activated when
     * the nodes of {@code grid.initial-baseline} have joined (at once without such a list), a cluster that was
     * active before activates by itself once every node of its baseline is back. Fails if a configured port is
     * taken.
     */
    public static GridNode start(GridSettings settings) {
        settings.checkConsistent();
        if (settings.tls() == null && !isLoopback(settings.bindAddress())) {
            LOG.warn("Grid node '{}' listens on {} without TLS (grid.tls.enabled = false): whoever reaches its ports"
                    + " can join the cluster and read or change every cache; a deployment of more than one node needs"
                    + " grid.tls (docs/DEPLOYMENT.md)", settings.instanceName(), settings.bindAddress());
        }
        Ignite ignite;
        try {
            ignite = Ignition.start(configuration(settings));
        } catch (IgniteException e) {
            throw new IllegalStateException("Ignite node '" + settings.instanceName() + "' failed to start (discovery "
                    + settings.bindAddress() + ":" + settings.discoveryPort() + ", communication "
                    + settings.bindAddress() + ":" + settings.communicationPort() + "): " + rootMessage(e), e);
        }
        try {
            checkSameRule(ignite, settings.membership().sites());
            if (settings.persistence()) {
                ClusterActivation.await(ignite, settings.membership());
                restoreWriteAheadLog(ignite);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ignite.close();
            throw new IllegalStateException("interrupted while waiting for the cluster to become active", e);
        } catch (RuntimeException e) {
            ignite.close();
            throw e;
        }
        return new GridNode(settings, ignite);
    }

    /**
     * Every node must place copies and judge a cut alike: a node that computed affinity without sites, or accepted
     * writes by another rule, would disagree with the others about where the copies are and who may write.
     */
    private static void checkSameRule(Ignite ignite, GridSettings.Sites sites) {
        for (ClusterNode node : ignite.cluster().forServers().forRemotes().nodes()) {
            boolean sited = node.attribute(SiteQuorum.SITE_ATTRIBUTE) != null;
            if (sited != (sites.site() != null)) {
                throw new IllegalStateException("grid.site is " + (sites.site() == null ? "empty" : "set") + " here"
                        + " but " + (sited ? "set" : "empty") + " on node " + node.consistentId()
                        + ": give every node of the cluster a site, or none");
            }
            // A node of a release before sites publishes no rule; it accepts writes in any part (ANY).
            Object published = node.attribute(SiteQuorum.RULE_ATTRIBUTE);
            Object rule = published == null ? GridSettings.WriteQuorum.ANY.name() : published;
            if (!Objects.equals(rule, SiteQuorum.rule(sites))) {
                throw new IllegalStateException("grid.write-quorum and grid.tie-breaker-site differ from node "
                        + node.consistentId() + " (" + rule + " there, " + SiteQuorum.rule(sites) + " here): every"
                        + " node must apply the same rule to a cut");
            }
        }
    }

    /**
     * An initial load that never finished (its node stopped or crashed during it) leaves the write-ahead log of its
     * caches off, and every later write to them would be as fragile: it is turned back on.
     */
    private static void restoreWriteAheadLog(Ignite ignite) {
        for (String cache : CacheNames.INITIAL_LOAD) {
            if (ignite.cache(cache) != null && !ignite.cluster().isWalEnabled(cache)) {
                LOG.warn("The write-ahead log of {} was off: an initial load did not finish (a crash during one empties"
                        + " the caches it writes; load them again). Turning it back on.", cache);
                ignite.cluster().enableWal(cache);
            }
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root + ")";
    }

    /** The Ignite configuration the node starts with; exposed so a launcher can log or adjust it. */
    public static IgniteConfiguration configuration(GridSettings settings) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
        ipFinder.setAddresses(settings.effectiveDiscoveryAddresses());
        TcpDiscoverySpi discovery = new TcpDiscoverySpi();
        discovery.setLocalAddress(settings.bindAddress());
        discovery.setLocalPort(settings.discoveryPort());
        discovery.setLocalPortRange(settings.discoveryPortRange());
        discovery.setIpFinder(ipFinder);

        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(settings.bindAddress());
        communication.setLocalPort(settings.communicationPort());
        // No range: a taken port must fail the start, not move the node to a port nobody expects.
        communication.setLocalPortRange(0);
        // Bounded per-connection queues: a slow node applies back-pressure instead of exhausting the heap.
        communication.setMessageQueueLimit(4096);

        DataRegionConfiguration region = new DataRegionConfiguration()
                .setName("default")
                .setPersistenceEnabled(settings.persistence())
                .setMaxSize(settings.dataRegionMaxBytes())
                .setInitialSize(Math.min(settings.dataRegionMaxBytes(), 64L * 1024 * 1024));
        DataStorageConfiguration storage = new DataStorageConfiguration()
                .setDefaultDataRegionConfiguration(region)
                .setDataRegionConfigurations(new DataRegionConfiguration()
                        .setName(LOCAL_REGION)
                        .setPersistenceEnabled(false)
                        .setInitialSize(LOCAL_REGION_BYTES / 4)
                        .setMaxSize(LOCAL_REGION_BYTES))
                .setWalSegmentSize(settings.walSegmentSizeBytes())
                .setWalSegments(settings.walSegments())
                .setWalMode(settings.durability().walMode())
                .setMaxWalArchiveSize(settings.durability().walArchiveMaxBytes())
                .setCheckpointFrequency(settings.durability().checkpointFrequency().toMillis());

        FailureHandler failureHandler = settings.haltOnFailure()
                ? new StopNodeOrHaltFailureHandler()
                : new StopNodeFailureHandler();

        IgniteConfiguration cfg = new IgniteConfiguration()
                .setIgniteInstanceName(settings.instanceName())
                .setConsistentId(settings.instanceName())
                .setLocalHost(settings.bindAddress())
                .setDiscoverySpi(discovery)
                .setCommunicationSpi(communication)
                .setGridLogger(new Slf4jLogger())
                // By default every system property and environment variable becomes a node attribute, sent to
                // every other node and logged by discovery at DEBUG; they may hold secrets (the password key).
                .setIncludeProperties()
                .setMetricsLogFrequency(0)
                .setPeerClassLoadingEnabled(false)
                .setFailureHandler(failureHandler)
                .setFailureDetectionTimeout(settings.membership().failureDetectionTimeout().toMillis())
                .setAtomicConfiguration(atomics(settings))
                .setUserAttributes(attributes(settings.membership().sites()))
                // Neither the thin-client/JDBC port (10800) nor the legacy REST port (11211) is used;
                // leaving them on would bind ports nobody configured.
                .setClientConnectorConfiguration(null)
                .setConnectorConfiguration(null)
                .setDataStorageConfiguration(storage)
                .setCacheConfiguration(cacheConfigurations(settings));
        if (settings.workDirectory() != null) {
            cfg.setWorkDirectory(settings.workDirectory().toAbsolutePath().toString());
        }
        if (settings.tls() != null) {
            // One factory for discovery and communication; both require the peer's certificate.
            cfg.setSslContextFactory(settings.tls().contextFactory());
        }
        return cfg;
    }

    private static Map<String, String> attributes(GridSettings.Sites sites) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(SiteQuorum.RULE_ATTRIBUTE, SiteQuorum.rule(sites));
        if (sites.site() != null) {
            attributes.put(SiteQuorum.SITE_ATTRIBUTE, sites.site());
            attributes.put(SiteQuorum.DATA_NODE_ATTRIBUTE, Boolean.toString(sites.dataNode()));
        }
        return attributes;
    }

    /**
     * With sites, Ignite's attribute backup filter puts each backup in another site than the primary and the
     * other backups, so one site lost (or cut off) keeps a copy of every partition elsewhere as long as there are
     * {@code backups + 1} data sites; with fewer, the backups that fit are kept.
     */
    private static RendezvousAffinityFunction affinity(GridSettings settings, int partitions) {
        RendezvousAffinityFunction affinity = new RendezvousAffinityFunction(false, partitions);
        if (settings.membership().sites().site() != null) {
            affinity.setAffinityBackupFilter(new ClusterNodeAttributeAffinityBackupFilter(SiteQuorum.SITE_ATTRIBUTE));
        }
        return affinity;
    }

    /** Atomics (the audit trail's counter) are kept with as many copies, placed alike, as the data they number. */
    private static AtomicConfiguration atomics(GridSettings settings) {
        AtomicConfiguration atomics = new AtomicConfiguration().setBackups(settings.backups());
        if (settings.membership().sites().site() != null) {
            atomics.setAffinity(affinity(settings, SMALL_CACHE_PARTITIONS));
        }
        return atomics;
    }

    static CacheConfiguration<?, ?>[] cacheConfigurations(GridSettings settings) {
        GridSettings.Sites sites = settings.membership().sites();
        List<CacheConfiguration<String, byte[]>> caches = new ArrayList<>();
        for (String name : CacheNames.ALL) {
            CacheConfiguration<String, byte[]> cache = cacheConfiguration(settings, name, name)
                    .setBackups(settings.backups());
            if (sites.site() != null) {
                cache.setNodeFilter(new DataNodeFilter());
            }
            if (sites.writeQuorum() == GridSettings.WriteQuorum.MAJORITY) {
                cache.setTopologyValidator(new SiteQuorum(sites.tieBreakerSite()));
            }
            caches.add(cache);
        }
        return caches.toArray(new CacheConfiguration<?, ?>[0]);
    }

    /** What every cache of {@code logical} (one of {@link CacheNames}) is, wherever it lives. */
    private static CacheConfiguration<String, byte[]> cacheConfiguration(GridSettings settings, String name,
            String logical) {
        int partitions = CacheNames.PER_SUBSCRIBER.contains(logical) ? LARGE_CACHE_PARTITIONS : SMALL_CACHE_PARTITIONS;
        CacheConfiguration<String, byte[]> cache = new CacheConfiguration<String, byte[]>(name);
        if (PrimaryCopies.CACHES.contains(logical)) {
            cache.setInterceptor(new CopyInvalidation(name));
        }
        return cache
                .setCacheMode(CacheMode.PARTITIONED)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                // A write returns only once every copy has it: a node that fails over after an
                // S-CSCF assignment must not serve an older registration state.
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setReadFromBackup(true)
                // Values are codec bytes decoded right away and never mutated.
                .setCopyOnRead(false)
                .setAffinity(affinity(settings, partitions));
    }

    /**
     * Creates the store caches of {@code layout} on this node alone (see {@link #createLocalCaches(CacheLayout,
     * List)}), set like the node's caches.
     */
    public void createLocalCaches(CacheLayout layout) {
        List<CacheConfiguration<?, ?>> caches = new ArrayList<>();
        for (String logical : CacheNames.ALL) {
            if (!CacheNames.AUDIT.equals(logical)) {
                caches.add(cacheConfiguration(settings, layout.name(logical), logical));
            }
        }
        createLocalCaches(layout, caches);
    }

    /**
     * Creates {@code caches}, all named under {@code layout}'s prefix, on this node alone, in its in-memory
     * {@link #LOCAL_REGION}: as configured but without copies elsewhere or a quorum, for records no other node must
     * see (a warm-up's). One cache exchange for all of them; caches of the layout left by an earlier run go first.
     */
    public void createLocalCaches(CacheLayout layout, List<CacheConfiguration<?, ?>> caches) {
        requireOwnPrefix(layout);
        destroyCaches(layout);
        LocalNodeFilter local = new LocalNodeFilter(ignite.cluster().localNode().consistentId());
        List<CacheConfiguration> configurations = new ArrayList<>();
        for (CacheConfiguration<?, ?> cache : caches) {
            if (!cache.getName().startsWith(layout.prefix())) {
                throw new IllegalArgumentException("cache " + cache.getName() + " is not of layout " + layout.prefix());
            }
            configurations.add(new CacheConfiguration<>(cache)
                    .setBackups(0)
                    .setNodeFilter(local)
                    .setTopologyValidator(null)
                    .setDataRegionName(LOCAL_REGION));
        }
        ignite.createCaches(configurations);
    }

    /** Destroys every cache of {@code layout} (named under its prefix), in one cache exchange. */
    public void destroyCaches(CacheLayout layout) {
        requireOwnPrefix(layout);
        List<String> caches = ignite.cacheNames().stream().filter(name -> name.startsWith(layout.prefix())).toList();
        if (!caches.isEmpty()) {
            ignite.destroyCaches(caches);
        }
    }

    /** The node's own caches (no prefix) are never made local nor destroyed here. */
    private static void requireOwnPrefix(CacheLayout layout) {
        if (layout.prefix().isEmpty()) {
            throw new IllegalArgumentException("a layout of local caches needs a prefix of its own");
        }
    }

    public Ignite ignite() {
        return ignite;
    }

    @Override
    public ClusterStatus status() {
        return ClusterInspection.status(ignite, settings);
    }

    @Override
    public ClusterStatus setBaselineToServerNodes() {
        if (!settings.persistence()) {
            throw new IllegalStateException("without persistence every server node holds data: there is no baseline"
                    + " to set");
        }
        if (ignite.cluster().state() != ClusterState.ACTIVE) {
            throw new IllegalStateException("the cluster is " + ignite.cluster().state() + ", not ACTIVE");
        }
        ignite.cluster().setBaselineTopology(ignite.cluster().forServers().nodes());
        return status();
    }

    @Override
    public boolean writesAccepted() {
        return SiteQuorum.writesAccepted(ignite, settings.membership().sites());
    }

    public GridSettings settings() {
        return settings;
    }

    /** Stops the node; with persistence this takes a checkpoint first. */
    @Override
    public void close() {
        ignite.close();
    }
}
