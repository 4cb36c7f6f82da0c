package org.imshss.provisioning.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.TopologyValidator;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which part of a divided cluster accepts writes ({@code grid.write-quorum = majority}): the part holding more than
 * half of the baseline nodes, or exactly half with a node of the tie-breaker site. Ignite asks a cache's topology
 * validator on every change of the server nodes; while it answers false, every update of the cache fails with
 * {@code CacheInvalidStateException} and reads go on from the copies the part holds. Two halves cut apart can
 * therefore never both assign an S-CSCF or hand out an SQN: at most one of them holds a majority, and the
 * tie-breaker site is on one side only.
 */
public final class SiteQuorum implements TopologyValidator {

    /** Node attribute naming the node's site ({@code grid.site}). */
    public static final String SITE_ATTRIBUTE = "org.imshss.grid.site";
    /** Node attribute "false" on a tie-breaker node that holds no data ({@code grid.data-node = false}). */
    public static final String DATA_NODE_ATTRIBUTE = "org.imshss.grid.data-node";
    /** Node attribute naming the rule for a cut, which every node must apply alike. */
    public static final String RULE_ATTRIBUTE = "org.imshss.grid.cut-rule";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SiteQuorum.class);
    /** Per node (instance name): the topology version a refusal was last logged at. */
    private static final ConcurrentMap<String, Long> LOGGED_AT = new ConcurrentHashMap<>();

    private final String tieBreakerSite;

    @IgniteInstanceResource
    private transient Ignite ignite;

    SiteQuorum(String tieBreakerSite) {
        this.tieBreakerSite = tieBreakerSite;
    }

    @Override
    public boolean validate(Collection<ClusterNode> nodes) {
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        if (baseline == null || baseline.isEmpty()) {
            // Not activated yet: nothing to write to.
            return true;
        }
        Set<String> ids = ClusterActivation.baselineIds(baseline);
        Map<String, String> present = sites(nodes);
        boolean accepted = accepts(ids, present, tieBreakerSite);
        // Ignite asks once per cache; the operator needs to hear it once per change of the nodes.
        if (!accepted && firstAtThisTopology()) {
            LOG.warn("Writes refused: {} of the {} baseline nodes are in this part of the cluster{} (grid.write-quorum"
                    + " = majority); reads are served from the copies held here",
                    present.keySet().stream().filter(ids::contains).count(), ids.size(),
                    tieBreakerSite == null ? "" : ", none of them in tie-breaker site " + tieBreakerSite);
        }
        return accepted;
    }

    private boolean firstAtThisTopology() {
        long version = ignite.cluster().topologyVersion();
        Long before = LOGGED_AT.put(String.valueOf(ignite.name()), version);
        return before == null || before != version;
    }

    /**
     * The rule itself.
     *
     * @param baseline consistent ids of the baseline nodes
     * @param present consistent id to site (null = none) of each server node in this part of the cluster
     * @param tieBreakerSite the site that decides a tie, or null
     */
    static boolean accepts(Set<String> baseline, Map<String, String> present, String tieBreakerSite) {
        long here = baseline.stream().filter(present::containsKey).count();
        if (here * 2 > baseline.size()) {
            return true;
        }
        return here * 2 == baseline.size() && tieBreakerSite != null && baseline.stream()
                .filter(present::containsKey).anyMatch(id -> tieBreakerSite.equals(present.get(id)));
    }

    /** Whether this node's part of the cluster accepts writes now under {@code sites}' rule. */
    public static boolean writesAccepted(Ignite ignite, GridSettings.Sites sites) {
        if (!ignite.cluster().state().active()) {
            return false;
        }
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        if (sites.writeQuorum() != GridSettings.WriteQuorum.MAJORITY || baseline == null || baseline.isEmpty()) {
            return true;
        }
        return accepts(ClusterActivation.baselineIds(baseline), sites(ignite.cluster().forServers().nodes()),
                sites.tieBreakerSite());
    }

    /**
     * Whether a server node that was in the topology of {@code version} has left since. Two parts of a divided cluster
     * each drop the other's nodes one by one, and in between each may count a majority (3 of 4 nodes, one of them
     * on the other side and already unreachable); a write that completed when a node of the other side left must
     * not be acknowledged on that count alone.
     */
    public static boolean serverLeftSince(Ignite ignite, long version) {
        if (ignite.cluster().topologyVersion() == version) {
            return false;
        }
        Collection<ClusterNode> then = ignite.cluster().topology(version);
        if (then == null) {
            return true;
        }
        Set<Object> now = new HashSet<>();
        for (ClusterNode node : ignite.cluster().forServers().nodes()) {
            now.add(node.id());
        }
        for (ClusterNode node : then) {
            if (!node.isClient() && !now.contains(node.id())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> sites(Collection<ClusterNode> nodes) {
        Map<String, String> sites = new HashMap<>();
        for (ClusterNode node : nodes) {
            if (!node.isClient()) {
                sites.put(String.valueOf(node.consistentId()), node.attribute(SITE_ATTRIBUTE));
            }
        }
        return sites;
    }

    /** The value of {@link #RULE_ATTRIBUTE} for these settings. */
    static String rule(GridSettings.Sites sites) {
        return sites.writeQuorum().name() + (sites.tieBreakerSite() == null ? "" : "/" + sites.tieBreakerSite());
    }

    // Ignite compares cache configurations of joining nodes; two validators of one rule are the same.
    @Override
    public boolean equals(Object other) {
        return other instanceof SiteQuorum quorum && Objects.equals(tieBreakerSite, quorum.tieBreakerSite);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(tieBreakerSite);
    }
}
