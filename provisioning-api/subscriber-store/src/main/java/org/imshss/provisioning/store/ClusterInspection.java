package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteCluster;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.CacheGroupContext;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtLocalPartition;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;

/** Reads the {@link ClusterStatus} of the cluster from one node. */
final class ClusterInspection {

    private ClusterInspection() {
    }

    static ClusterStatus status(Ignite ignite, GridSettings settings) {
        boolean persistence = settings.persistence();
        IgniteCluster cluster = ignite.cluster();
        String local = String.valueOf(cluster.localNode().consistentId());
        Collection<BaselineNode> baselineNodes = cluster.currentBaselineTopology();
        Set<String> baseline = baselineNodes == null ? Set.of() : ClusterActivation.baselineIds(baselineNodes);
        GridSettings.Sites sites = settings.membership().sites();
        boolean accepted = SiteQuorum.writesAccepted(ignite, sites);
        Map<String, ClusterStatus.Member> members = new TreeMap<>();
        for (ClusterNode node : cluster.forServers().nodes()) {
            String id = String.valueOf(node.consistentId());
            members.put(id, new ClusterStatus.Member(id, List.copyOf(node.addresses()), true,
                    baseline.contains(id), id.equals(local), node.attribute(SiteQuorum.SITE_ATTRIBUTE),
                    !"false".equals(node.attribute(SiteQuorum.DATA_NODE_ATTRIBUTE)), accepted));
        }
        if (baselineNodes != null) {
            // A baseline node keeps the attributes it had when the baseline was set, so an offline one still
            // shows its site.
            for (BaselineNode node : baselineNodes) {
                String id = String.valueOf(node.consistentId());
                members.putIfAbsent(id, new ClusterStatus.Member(id, List.of(), false, true, id.equals(local),
                        node.attribute(SiteQuorum.SITE_ATTRIBUTE),
                        !"false".equals(node.attribute(SiteQuorum.DATA_NODE_ATTRIBUTE)), false));
            }
        }
        long primary = 0;
        long backup = 0;
        boolean active = cluster.state().active();
        if (active) {
            for (String name : CacheNames.PER_SUBSCRIBER) {
                IgniteCache<Object, Object> cache = ignite.cache(name);
                primary += cache.localSizeLong(CachePeekMode.PRIMARY);
                backup += cache.localSizeLong(CachePeekMode.BACKUP);
            }
        }
        return new ClusterStatus(cluster.state().name(), persistence, local, new ArrayList<>(members.values()),
                persistence && cluster.isBaselineAutoAdjustEnabled(),
                persistence ? cluster.baselineAutoAdjustTimeout() : 0, cluster.topologyVersion(),
                active ? rebalancingPartitions(ignite) : 0, primary, backup, sites.writeQuorum().name(),
                sites.tieBreakerSite(), accepted);
    }

    /**
     * Partitions this node owns by affinity but is still loading from another node. Ignite's public cache metrics
     * count them only with statistics enabled on every cache, which costs on every operation; the partition
     * states themselves are always there.
     */
    private static int rebalancingPartitions(Ignite ignite) {
        int moving = 0;
        for (CacheGroupContext group : ((IgniteEx) ignite).context().cache().cacheGroups()) {
            for (GridDhtLocalPartition partition : group.topology().localPartitions()) {
                if (partition.state() == GridDhtPartitionState.MOVING) {
                    moving++;
                }
            }
        }
        return moving;
    }
}
