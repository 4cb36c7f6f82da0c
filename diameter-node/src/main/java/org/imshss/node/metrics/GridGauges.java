package org.imshss.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.imshss.provisioning.store.CacheRefill;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.SiteQuorum;

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

    /**
     * The background refill after the start: records of each kind kept, whether it has ended
     * and how long it took (so far, while it runs).
     */
    public static void watchRefill(MeterRegistry registry, CacheRefill refill) {
        for (CacheRefill.Kind kind : CacheRefill.Kind.values()) {
            Gauge.builder("grid_refill_records", refill, r -> r.records(kind))
                    .description("Decoded records the refill after the start kept, by kind").tag("kind", kind.tag())
                    .register(registry);
        }
        Gauge.builder("grid_refill_done", refill, r -> r.done() ? 1 : 0)
                .description("1 once the refill after the start has ended").register(registry);
        Gauge.builder("grid_refill_seconds", refill, r -> r.elapsed().toNanos() / 1e9)
                .description("How long the refill after the start took, or has taken so far").register(registry);
    }

    /**
     * The node's site (an info gauge, always 1, its site in the tag; "none" without sites) and whether the part of
     * the cluster it is in accepts writes now (1) or serves reads only (0).
     */
    public static void watchSites(MeterRegistry registry, Ignite ignite, GridSettings.Sites sites) {
        Gauge.builder("grid_node_site", () -> 1).description("The site of this grid node")
                .tag("site", sites.site() == null ? "none" : sites.site()).register(registry);
        Gauge.builder("grid_writes_accepted", ignite, i -> SiteQuorum.writesAccepted(i, sites) ? 1 : 0)
                .description("1 when this node's part of the cluster accepts writes, 0 when it serves reads only")
                .register(registry);
    }
}
