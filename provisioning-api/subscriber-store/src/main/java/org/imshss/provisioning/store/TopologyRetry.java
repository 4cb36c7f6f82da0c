package org.imshss.provisioning.store;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.lang.IgniteFuture;

/**
 * Rides out a node leaving under a read or an atomic update. Ignite fails an operation whose primary left the
 * topology while it ran with a {@link ClusterTopologyException} instead of retrying it, and an entry processor it did
 * retry on the new primary may come back without its result. Either way the operation is safe to run again: a read
 * changes nothing, and every update the store runs is a pure function applied atomically to whatever state it finds
 * (a registration change to the state the first attempt may have left; an SQN allocation at worst skips one SQN,
 * never hands one out twice). So the operation waits for the topology Ignite names and runs again, a few times
 * within a bound, so that a request in flight at a node's loss is answered from the new topology rather than failed.
 */
final class TopologyRetry {

    private static final int ATTEMPTS = 3;
    private static final long WAIT_MILLIS = 5_000;

    private TopologyRetry() {
    }

    /** Runs {@code operation}; {@code null} from it counts as a result lost with its node and is run again. */
    static <T> T run(Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            T result;
            try {
                result = operation.get();
            } catch (RuntimeException e) {
                ClusterTopologyException topology = topologyCause(e);
                if (topology == null || attempt == ATTEMPTS) {
                    throw e;
                }
                awaitTopology(topology);
                continue;
            }
            if (result != null || attempt == ATTEMPTS) {
                return result;
            }
        }
    }

    private static ClusterTopologyException topologyCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClusterTopologyException topology) {
                return topology;
            }
        }
        return null;
    }

    private static void awaitTopology(ClusterTopologyException topology) {
        IgniteFuture<?> ready = topology.retryReadyFuture();
        if (ready == null) {
            return;
        }
        try {
            ready.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IgniteException e) {
            // Not settled in time: the next attempt fails or succeeds on its own.
        }
    }
}
