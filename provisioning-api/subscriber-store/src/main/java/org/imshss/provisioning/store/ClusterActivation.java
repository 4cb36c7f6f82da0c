package org.imshss.provisioning.store;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCluster;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a persistent cluster to ACTIVE. With native persistence an Ignite cluster starts inactive: the first
 * activation fixes the baseline (the nodes that hold data), and later restarts activate by themselves once every
 * baseline node is back (Ignite docs, "Baseline Topology" and "Cluster Activation").
 */
final class ClusterActivation {

    private static final Logger log = LoggerFactory.getLogger(ClusterActivation.class);
    private static final long POLL_MS = 200;
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private ClusterActivation() {
    }

    /** Waits, without limit, until the cluster is active; then applies the baseline auto-adjust setting. */
    static void await(Ignite ignite, GridSettings.Membership membership) throws InterruptedException {
        IgniteCluster cluster = ignite.cluster();
        long lastReport = System.nanoTime() - REPORT_NANOS;
        while (cluster.state() != ClusterState.ACTIVE) {
            Set<String> online = consistentIds(cluster.forServers().nodes());
            Collection<BaselineNode> baseline = cluster.currentBaselineTopology();
            Set<String> wanted = baseline == null ? new TreeSet<>(membership.initialBaseline()) : baselineIds(baseline);
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(online);
            if (missing.isEmpty()) {
                // A new cluster whose initial nodes are all here, or a baseline that is complete again (Ignite
                // activates that one itself; asking as well is harmless).
                log.info("activating the cluster with nodes {}", baseline == null ? online : wanted);
                cluster.state(ClusterState.ACTIVE);
                break;
            }
            if (System.nanoTime() - lastReport >= REPORT_NANOS) {
                lastReport = System.nanoTime();
                log.info("cluster inactive: waiting for {} {} to join (online: {})",
                        baseline == null ? "initial nodes" : "baseline nodes", missing, online);
            }
            Thread.sleep(POLL_MS);
        }
        applyAutoAdjust(cluster, membership);
    }

    private static void applyAutoAdjust(IgniteCluster cluster, GridSettings.Membership membership) {
        if (membership.baselineAutoAdjust() == null) {
            if (cluster.isBaselineAutoAdjustEnabled()) {
                cluster.baselineAutoAdjustEnabled(false);
            }
            return;
        }
        cluster.baselineAutoAdjustTimeout(membership.baselineAutoAdjust().toMillis());
        cluster.baselineAutoAdjustEnabled(true);
    }

    static Set<String> consistentIds(Collection<ClusterNode> nodes) {
        Set<String> ids = new TreeSet<>();
        for (ClusterNode node : nodes) {
            ids.add(String.valueOf(node.consistentId()));
        }
        return ids;
    }

    static Set<String> baselineIds(Collection<BaselineNode> nodes) {
        Set<String> ids = new TreeSet<>();
        for (BaselineNode node : nodes) {
            ids.add(String.valueOf(node.consistentId()));
        }
        return ids;
    }
}
