package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.Objects;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgnitePredicate;

/** Keeps a cache on one node only, by its consistent id: records that never leave it (the warm-up's). */
final class LocalNodeFilter implements IgnitePredicate<ClusterNode> {

    private static final long serialVersionUID = 1L;

    private final Serializable consistentId;

    LocalNodeFilter(Object consistentId) {
        this.consistentId = (Serializable) consistentId;
    }

    @Override
    public boolean apply(ClusterNode node) {
        return consistentId.equals(node.consistentId());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalNodeFilter filter && consistentId.equals(filter.consistentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(LocalNodeFilter.class, consistentId);
    }
}
