package org.imshss.provisioning.store;

import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.pagemem.store.IgnitePageStoreManager;
import org.apache.ignite.internal.processors.cache.GridCacheContext;
import org.apache.ignite.internal.processors.cache.IgniteInternalCache;
import org.apache.ignite.internal.processors.cache.persistence.DataRegion;
import org.apache.ignite.internal.processors.cache.persistence.pagemem.PageMemoryEx;

/**
 * Brings this node's partitions of the per-subscriber caches back into a persistent data region after a restart,
 * before requests ask for them: a persistent region loads pages only as they are read, one random read at a time,
 * while {@code localPreloadPartition} reads a partition's file in order. It runs with the warm-up, so the pages come
 * back while the JIT compiles.
 *
 * <p>It is bounded by what is on disk, not by an estimate: each partition's page count comes from its page store
 * (the size of its file), and a partition is preloaded only while the pages the region holds, plus that count, stay
 * within {@link #SHARE} of the region's pages. So the preload never makes the region replace a page; it stops at
 * the first partition that would not fit, and the rest loads as it is read. (An earlier preload sized from the
 * region's allocated bytes, which say little after a restart, filled a small region, and the page replacement that
 * followed made a concurrent read exhaust Ignite's B+ tree retries, a critical failure.) The page counts are read
 * through Ignite's page store and page memory, which its public API does not expose.
 */
final class PagePreload {

    /** The per-subscriber caches, by how soon a request after a restart reads them (UAR, LIR, SAR and MAR first). */
    static final List<String> ORDER = List.of(CacheNames.REGISTRATIONS, CacheNames.PUBLIC_IDS,
            CacheNames.PRIVATE_IDS, CacheNames.SUBSCRIPTIONS, CacheNames.IMPLICIT_SETS, CacheNames.AUTH_SEQUENCES,
            CacheNames.USIMS, CacheNames.EPS_REGISTRATIONS, CacheNames.AAA_REGISTRATIONS, CacheNames.MSISDNS,
            CacheNames.SH_DSAI_VALUES, CacheNames.SH_REPOSITORY, CacheNames.SH_SUBSCRIPTIONS);

    /**
     * Share of the region's pages the preload may bring the region to: the rest is for what the traffic reads
     * meanwhile, the writes, and the indexes and metadata the partitions keep.
     */
    static final double SHARE = 0.5;

    /** After each partition tried, whether it was preloaded; stops the preload by throwing if the node closes. */
    @FunctionalInterface
    interface Step {
        void after(boolean preloaded) throws InterruptedException;
    }

    private PagePreload() {
    }

    /** Preloads what fits, in {@link #ORDER} (nothing without persistence). */
    static void run(Ignite ignite, Step step) throws InterruptedException {
        for (String name : ORDER) {
            IgniteInternalCache<Object, Object> internal = ((IgniteEx) ignite).cachex(name);
            IgniteCache<String, byte[]> cache = ignite.cache(name);
            if (internal == null || cache == null) {
                continue;
            }
            GridCacheContext<Object, Object> context = internal.context();
            DataRegion region = context.dataRegion();
            if (region == null || !region.config().isPersistenceEnabled()
                    || !(region.pageMemory() instanceof PageMemoryEx memory)) {
                continue;
            }
            long limit = (long) (memory.totalPages() * SHARE);
            IgnitePageStoreManager stores = context.shared().pageStore();
            for (int partition : ignite.affinity(name).allPartitions(ignite.cluster().localNode())) {
                long pages = pages(stores, context.groupId(), partition);
                if (pages <= 0) {
                    continue;
                }
                if (memory.loadedPages() + pages > limit) {
                    return;
                }
                step.after(cache.localPreloadPartition(partition));
            }
        }
    }

    /** Pages in the partition's file, or 0 if it has none (nothing written there yet). */
    private static long pages(IgnitePageStoreManager stores, int group, int partition) {
        try {
            return stores.exists(group, partition) ? stores.pages(group, partition) : 0;
        } catch (IgniteCheckedException e) {
            return 0;
        }
    }
}
