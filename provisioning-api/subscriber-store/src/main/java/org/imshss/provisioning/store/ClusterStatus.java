package org.imshss.provisioning.store;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The grid cluster as one node sees it.
 *
 * @param state ACTIVE, INACTIVE or ACTIVE_READ_ONLY (Ignite's cluster state)
 * @param persistence whether the nodes keep their data on disk (then the baseline says which nodes hold data)
 * @param localNode consistent id of the node that answers
 * @param nodes server nodes online, and baseline nodes that are not
 * @param baselineAutoAdjust whether the baseline follows the server nodes by itself
 * @param baselineAutoAdjustMs how long the server nodes must be stable before it does
 * @param topologyVersion Ignite's topology version: it grows with every node that joins or leaves
 * @param localRebalancingPartitions partitions this node is still receiving from others (0 = it holds all its
 *                                   copies)
 * @param localPrimaryEntries entries of the subscriber caches this node holds as primary
 * @param localBackupEntries entries of the subscriber caches this node holds as backup
 * @param writeQuorum which part of a divided cluster accepts writes: ANY or MAJORITY ({@code grid.write-quorum})
 * @param tieBreakerSite the site whose half keeps writes on a tie, or null
 * @param writesAccepted whether the part of the cluster this node is in accepts writes now: active and, with
 *                       MAJORITY, holding more than half of the baseline nodes or half with the tie-breaker site
 */
public record ClusterStatus(String state, boolean persistence, String localNode, List<Member> nodes,
        boolean baselineAutoAdjust, long baselineAutoAdjustMs, long topologyVersion, int localRebalancingPartitions,
        long localPrimaryEntries, long localBackupEntries, String writeQuorum, String tieBreakerSite,
        boolean writesAccepted) {

    public ClusterStatus {
        nodes = List.copyOf(nodes);
    }

    /**
     * @param consistentId the node's consistent id (its {@code grid.instance-name})
     * @param addresses the addresses it announced (online nodes only)
     * @param online whether it is in the cluster now
     * @param inBaseline whether it is one of the nodes that hold data (persistence)
     * @param local whether it is the node that answers
     * @param site its site ({@code grid.site}; for a baseline node offline, as it was when the baseline was set),
     *             or null
     * @param dataNode false for a tie-breaker node that holds no data
     * @param writesAccepted whether it accepts writes: online in the answering node's part of the cluster, which
     *                       accepts them (a node of another part of a divided cluster is not online here)
     */
    @Schema(name = "ClusterMember")
    public record Member(String consistentId, List<String> addresses, boolean online, boolean inBaseline,
            boolean local, String site, boolean dataNode, boolean writesAccepted) {

        public Member {
            addresses = List.copyOf(addresses);
        }
    }
}
