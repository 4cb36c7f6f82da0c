package org.imshss.provisioning.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.GridCachePartitionExchangeManager;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;
import org.imshss.testing.FreePorts;

/**
 * Test nodes bind free loopback ports, never the defaults 47100/47500, so a test never joins a developer's
 * running node nor clashes with another build running tests at the same time.
 */
public final class TestGrid {

    private TestGrid() {
    }

    /** A port free at the time of the call, below the ephemeral range (see {@link FreePorts}). */
    public static int freePort() {
        return FreePorts.next();
    }

    public static GridSettings settings(String name, int discoveryPort, int communicationPort, Path workDirectory) {
        return GridSettings.defaults(name)
                .withPorts(discoveryPort, communicationPort)
                .withWorkDirectory(workDirectory)
                .withDataRegionMaxBytes(128L * 1024 * 1024);
    }

    public static GridSettings member(String name, int discoveryPort, int communicationPort, Path workDirectory,
            List<String> discoveryAddresses) {
        return settings(name, discoveryPort, communicationPort, workDirectory).withDiscoveryAddresses(discoveryAddresses);
    }

    /** The first {@code count} keys {@code prefix + i + suffix} whose primary in {@code cache} is {@code primary}. */
    public static List<String> keysWithPrimary(Ignite primary, String cache, String prefix, String suffix, int count) {
        Affinity<String> affinity = primary.affinity(cache);
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            if (affinity.isPrimary(primary.cluster().localNode(), prefix + i + suffix)) {
                keys.add(prefix + i + suffix);
            }
        }
        return keys;
    }

    /**
     * Waits until every node is primary for some partitions of every store cache: Ignite makes a joining node a
     * primary only once it has received its partitions, and a scan that runs while the primaries move can miss
     * entries.
     */
    public static void awaitRebalanced(Ignite... nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Ignite node : nodes) {
            for (String cache : CacheNames.ALL) {
                while (node.affinity(cache).primaryPartitions(node.cluster().localNode()).length == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(node.name() + " got no partitions of " + cache + " within 60 s");
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    /** Waits until {@code ignite} holds only partitions it owns: those that moved to another node are evicted. */
    public static void awaitEvicted(Ignite ignite) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String cache : CacheNames.ALL) {
            var topology = ((IgniteEx) ignite).cachex(cache).context().topology();
            while (topology.localPartitions().stream().anyMatch(p -> p.state() != GridDhtPartitionState.OWNING)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(ignite.name() + " still holds moved partitions of " + cache);
                }
                Thread.sleep(10);
            }
        }
    }

    /** Waits until {@code ignite} sees {@code servers} servers and has finished the exchange for them. */
    public static void awaitServers(Ignite ignite, int servers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ignite.cluster().forServers().nodes().size() != servers && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // And the exchange for that topology has ended: until then operations are mapped on the one before.
        GridCachePartitionExchangeManager<?, ?> exchange = ((IgniteEx) ignite).context().cache().context().exchange();
        while (exchange.readyAffinityVersion().topologyVersion() < ignite.cluster().topologyVersion()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        exchange.lastTopologyFuture().get(60_000);
    }
}
