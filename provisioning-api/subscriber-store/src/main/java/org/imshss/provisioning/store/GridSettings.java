package org.imshss.provisioning.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.ignite.configuration.WALMode;

/**
 * How an embedded Ignite server node binds, finds its peers and keeps its data.
 *
 * @param instanceName Ignite instance name; also the persistent consistent id, so a restarted node finds
 *                     its own data directory
 * @param bindAddress local address for discovery and communication
 * @param discoveryPort first discovery port
 * @param discoveryPortRange extra discovery ports tried when the first is taken (0 = exactly one port, so a
 *                           taken port fails the start instead of silently moving)
 * @param communicationPort communication port; always bound without a range, a taken port fails the start
 * @param discoveryAddresses static discovery list ("host:port" or "host:port1..port2"); empty = this node
 *                           alone at {@code bindAddress:discoveryPort}
 * @param persistence Ignite native persistence on/off
 * @param workDirectory Ignite work directory (persistence files, WAL, marshaller mappings); null = Ignite's default
 * @param backups backup copies of each partition
 * @param walSegmentSizeBytes WAL segment size (Ignite preallocates {@code walSegments} of them)
 * @param walSegments number of WAL work segments
 * @param dataRegionMaxBytes maximum off-heap size of the default data region
 * @param haltOnFailure on a critical Ignite failure halt the JVM (production) instead of only stopping the node
 *                      (tests, embedded use)
 * @param durability how writes reach the disk (with persistence)
 * @param membership how the cluster finds out about failed nodes and which nodes hold data
 * @param tls mutual TLS between the nodes; null = plain TCP, for one node alone or a test (any process that
 *            reaches the ports of a node without it can join the cluster and read or change every cache)
 */
public record GridSettings(
        String instanceName,
        String bindAddress,
        int discoveryPort,
        int discoveryPortRange,
        int communicationPort,
        List<String> discoveryAddresses,
        boolean persistence,
        Path workDirectory,
        int backups,
        int walSegmentSizeBytes,
        int walSegments,
        long dataRegionMaxBytes,
        boolean haltOnFailure,
        Durability durability,
        Membership membership,
        GridTls tls) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_DISCOVERY_PORT = 47500;
    public static final int DEFAULT_COMMUNICATION_PORT = 47100;
    public static final int DEFAULT_WAL_SEGMENT_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_WAL_SEGMENTS = 4;
    public static final long DEFAULT_DATA_REGION_MAX = 512L * 1024 * 1024;

    /**
     * How persisted writes reach the disk.
     *
     * @param walMode LOG_ONLY survives a crash of the process (the default: a kill loses nothing acknowledged);
     *                FSYNC also a crash of the machine, at the cost of one fsync per write; BACKGROUND may lose
     *                the last writes even on a process crash
     * @param walArchiveMaxBytes most disk the WAL archive may take; a node that was away for less than the
     *                           archive covers catches up from the others' WAL instead of a full copy
     * @param checkpointFrequency how often dirty pages are written to the partition files; the WAL replayed after a
     *                            crash is at most this long
     */
    public record Durability(WALMode walMode, long walArchiveMaxBytes, Duration checkpointFrequency) {

        public static final Durability DEFAULTS =
                new Durability(WALMode.LOG_ONLY, 16L * DEFAULT_WAL_SEGMENT_SIZE, Duration.ofSeconds(60));

        public Durability {
            Objects.requireNonNull(walMode, "walMode");
            Objects.requireNonNull(checkpointFrequency, "checkpointFrequency");
            if (walArchiveMaxBytes <= 0) {
                throw new IllegalArgumentException("walArchiveMaxBytes must be positive");
            }
            if (checkpointFrequency.isNegative() || checkpointFrequency.isZero()) {
                throw new IllegalArgumentException("checkpointFrequency must be positive");
            }
        }
    }

    /**
     * Cluster membership.
     *
     * @param failureDetectionTimeout how long a node may be silent before the others drop it
     * @param initialBaseline consistent ids (instance names) of the nodes that must all have joined before a new
     *                        persistent cluster is activated; empty = the first node activates it at once
     * @param baselineAutoAdjust with persistence, change the baseline by itself after the server nodes have been
     *                           stable this long; null = only by an explicit administrative action
     * @param sites where the node is, and which part of a divided cluster keeps accepting writes
     */
    public record Membership(Duration failureDetectionTimeout, List<String> initialBaseline,
            Duration baselineAutoAdjust, Sites sites) {

        public static final Membership DEFAULTS = new Membership(Duration.ofSeconds(10), List.of(), null);

        /** Without sites: copies placed without regard to where nodes are, writes accepted by any part. */
        public Membership(Duration failureDetectionTimeout, List<String> initialBaseline,
                Duration baselineAutoAdjust) {
            this(failureDetectionTimeout, initialBaseline, baselineAutoAdjust, Sites.NONE);
        }

        public Membership {
            Objects.requireNonNull(failureDetectionTimeout, "failureDetectionTimeout");
            Objects.requireNonNull(sites, "sites");
            initialBaseline = List.copyOf(initialBaseline);
            if (failureDetectionTimeout.toMillis() < 100) {
                throw new IllegalArgumentException("failureDetectionTimeout must be at least 100 ms");
            }
            if (baselineAutoAdjust != null && baselineAutoAdjust.isNegative()) {
                throw new IllegalArgumentException("baselineAutoAdjust must not be negative");
            }
        }
    }

    /** Which part of a divided cluster accepts writes. */
    public enum WriteQuorum {
        /** Every part that Ignite keeps active: a cut between nodes lets both sides write (one site only). */
        ANY,
        /**
         * Only a part holding more than half of the baseline nodes, or exactly half with a node of the tie-breaker
         * site; the others refuse writes and serve reads from their copies ({@link SiteQuorum}).
         */
        MAJORITY
    }

    /**
     * Sites: rooms, data centres or countries that may fail, or be cut off, as a whole.
     *
     * @param site the site of this node (node attribute {@link SiteQuorum#SITE_ATTRIBUTE}); null = no sites, and
     *             then every node of the cluster must have none. With sites, the backups of every partition are
     *             placed in other sites than its primary (Ignite's {@code ClusterNodeAttributeAffinityBackupFilter})
     * @param dataNode false for a tie-breaker (witness) node: it counts in the baseline but holds no data
     * @param writeQuorum which part of a divided cluster accepts writes
     * @param tieBreakerSite the site whose half keeps writes when a cut leaves exactly half of the baseline on
     *                       each side; null = such a half refuses writes too
     */
    public record Sites(String site, boolean dataNode, WriteQuorum writeQuorum, String tieBreakerSite) {

        public static final Sites NONE = new Sites(null, true, WriteQuorum.ANY, null);

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

        public Sites {
            Objects.requireNonNull(writeQuorum, "writeQuorum");
            if (site != null && !NAME.matcher(site).matches()) {
                throw new IllegalArgumentException("grid.site must be 1-64 letters, digits, '.', '_' or '-', not '"
                        + site + "'");
            }
            if (tieBreakerSite != null && !NAME.matcher(tieBreakerSite).matches()) {
                throw new IllegalArgumentException("grid.tie-breaker-site must be 1-64 letters, digits, '.', '_' or"
                        + " '-', not '" + tieBreakerSite + "'");
            }
            if (site == null && (tieBreakerSite != null || !dataNode)) {
                throw new IllegalArgumentException((dataNode ? "grid.tie-breaker-site" : "grid.data-node = false")
                        + " needs grid.site");
            }
            if (tieBreakerSite != null && writeQuorum != WriteQuorum.MAJORITY) {
                throw new IllegalArgumentException("grid.tie-breaker-site needs grid.write-quorum = majority");
            }
        }
    }

    public GridSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(bindAddress, "bindAddress");
        discoveryAddresses = List.copyOf(discoveryAddresses);
        checkPort("discoveryPort", discoveryPort);
        checkPort("communicationPort", communicationPort);
        if (discoveryPortRange < 0 || discoveryPortRange > 100) {
            throw new IllegalArgumentException("discoveryPortRange must be 0..100");
        }
        if (backups < 0) {
            throw new IllegalArgumentException("backups must be >= 0");
        }
        if (walSegments < 2) {
            throw new IllegalArgumentException("walSegments must be >= 2");
        }
        if (persistence && workDirectory == null) {
            throw new IllegalArgumentException("persistence needs a work directory");
        }
    }

    /**
     * Checks what no single setting can: called when the node starts, so that the {@code with...} steps building
     * the settings may come in any order.
     */
    public void checkConsistent() {
        // Without persistence the baseline follows the nodes by itself (Ignite's in-memory auto-adjust), so a
        // majority of it would say nothing about a cut.
        if (membership.sites().writeQuorum() == WriteQuorum.MAJORITY && !persistence) {
            throw new IllegalArgumentException("grid.write-quorum = majority needs grid.persistence = true");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    /** One in-memory node on the default loopback ports, one backup, dev-sized WAL and data region. */
    public static GridSettings defaults(String instanceName) {
        return new GridSettings(instanceName, DEFAULT_BIND_ADDRESS, DEFAULT_DISCOVERY_PORT, 0,
                DEFAULT_COMMUNICATION_PORT, List.of(), false, null, 1, DEFAULT_WAL_SEGMENT_SIZE,
                DEFAULT_WAL_SEGMENTS, DEFAULT_DATA_REGION_MAX, false, Durability.DEFAULTS, Membership.DEFAULTS, null);
    }

    public GridSettings withPorts(int discovery, int communication) {
        return new GridSettings(instanceName, bindAddress, discovery, discoveryPortRange, communication,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withBindAddress(String address) {
        return new GridSettings(instanceName, address, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withDiscoveryPortRange(int range) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, range, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withDiscoveryAddresses(List<String> addresses) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                addresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withPersistence(Path directory) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, true, directory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withWorkDirectory(Path directory) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, directory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withBackups(int count) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, count, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withWal(int segmentSizeBytes, int segments) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, segmentSizeBytes, segments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withDataRegionMaxBytes(long bytes) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                bytes, haltOnFailure, durability, membership, tls);
    }

    public GridSettings withHaltOnFailure(boolean halt) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, halt, durability, membership, tls);
    }

    public GridSettings withDurability(Durability other) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, other, membership, tls);
    }

    public GridSettings withMembership(Membership other) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, other, tls);
    }

    /** With mutual TLS between the nodes, or none (null). */
    public GridSettings withTls(GridTls other) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure, durability, membership, other);
    }

    /** The discovery list actually used: the configured one, or this node's own discovery address. */
    public List<String> effectiveDiscoveryAddresses() {
        if (!discoveryAddresses.isEmpty()) {
            return discoveryAddresses;
        }
        return List.of(discoveryPortRange == 0
                ? bindAddress + ":" + discoveryPort
                : bindAddress + ":" + discoveryPort + ".." + (discoveryPort + discoveryPortRange));
    }
}
