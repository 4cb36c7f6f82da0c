package org.imshss.provisioning.store;

/** What an operator may see and change of the grid cluster (the provisioning API's cluster resource). */
public interface ClusterAdministration {

    ClusterStatus status();

    /**
     * Makes the server nodes now online the baseline: a node that joined starts holding data, a node that is gone
     * for good stops counting. Ignite then moves partitions to match.
     *
     * @throws IllegalStateException when the grid keeps no data on disk (then every server node holds data
     *                               anyway) or the cluster is not active
     */
    ClusterStatus setBaselineToServerNodes();

    /** Whether this node's part of the cluster accepts writes now ({@code grid.write-quorum}). */
    default boolean writesAccepted() {
        return true;
    }
}
