package org.imshss.provisioning.store;

import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgnitePredicate;

/**
 * The nodes that hold cache data: all but tie-breaker nodes ({@code grid.data-node = false}), which only count in the
 * baseline so that one site of two can keep a majority.
 */
final class DataNodeFilter implements IgnitePredicate<ClusterNode> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean apply(ClusterNode node) {
        return !"false".equals(node.attribute(SiteQuorum.DATA_NODE_ATTRIBUTE));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataNodeFilter;
    }

    @Override
    public int hashCode() {
        return DataNodeFilter.class.hashCode();
    }
}
