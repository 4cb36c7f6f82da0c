package org.imshss.provisioning.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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
        boolean haltOnFailure) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_DISCOVERY_PORT = 47500;
    public static final int DEFAULT_COMMUNICATION_PORT = 47100;
    public static final int DEFAULT_WAL_SEGMENT_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_WAL_SEGMENTS = 4;
    public static final long DEFAULT_DATA_REGION_MAX = 512L * 1024 * 1024;

    public GridSettings {
        Objects.requireNonNull(instanceName, "instanceName");
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

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    /** One in-memory node on the default loopback ports, one backup, dev-sized WAL and data region. */
    public static GridSettings defaults(String instanceName) {
        return new GridSettings(instanceName, DEFAULT_BIND_ADDRESS, DEFAULT_DISCOVERY_PORT, 0,
                DEFAULT_COMMUNICATION_PORT, List.of(), false, null, 1, DEFAULT_WAL_SEGMENT_SIZE,
                DEFAULT_WAL_SEGMENTS, DEFAULT_DATA_REGION_MAX, false);
    }

    public GridSettings withPorts(int discovery, int communication) {
        return new GridSettings(instanceName, bindAddress, discovery, discoveryPortRange, communication,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withBindAddress(String address) {
        return new GridSettings(instanceName, address, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withDiscoveryPortRange(int range) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, range, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withDiscoveryAddresses(List<String> addresses) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                addresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withPersistence(Path directory) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, true, directory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withWorkDirectory(Path directory) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, directory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withBackups(int count) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, count, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withWal(int segmentSizeBytes, int segments) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, segmentSizeBytes, segments,
                dataRegionMaxBytes, haltOnFailure);
    }

    public GridSettings withDataRegionMaxBytes(long bytes) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                bytes, haltOnFailure);
    }

    public GridSettings withHaltOnFailure(boolean halt) {
        return new GridSettings(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort,
                discoveryAddresses, persistence, workDirectory, backups, walSegmentSizeBytes, walSegments,
                dataRegionMaxBytes, halt);
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
