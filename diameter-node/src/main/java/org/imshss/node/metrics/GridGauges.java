package org.imshss.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;

/** The gauges of a node's grid, read when scraped: the HSS and the SLF each name their own caches. */
public final class GridGauges {

    private GridGauges() {
    }

    /** Entries of each grid cache (primary copies, whole cluster) and server nodes in the cluster. */
    public static void watch(MeterRegistry registry, Ignite ignite, List<String> cacheNames) {
        for (String name : cacheNames) {
            IgniteCache<?, ?> cache = ignite.cache(name);
            if (cache != null) {
                Gauge.builder("grid_cache_entries", cache, c -> c.sizeLong(CachePeekMode.PRIMARY))
                        .description("Entries of a grid cache across the cluster").tag("cache", name)
                        .register(registry);
            }
        }
        Gauge.builder("grid_server_nodes", ignite, i -> i.cluster().forServers().nodes().size())
                .description("Server nodes in the grid cluster").register(registry);
    }
}
