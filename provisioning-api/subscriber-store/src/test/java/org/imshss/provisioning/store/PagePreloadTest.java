package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.persistence.pagemem.PageMemoryEx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preload of a restarted persistent node's partitions: what fits is brought into memory, and it never takes
 * the region beyond its share, whatever is on disk.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PagePreloadTest {

    private static final int VALUE_BYTES = 1024;

    @TempDir
    Path work;

    private final int discoveryPort = TestGrid.freePort();
    private final int communicationPort = TestGrid.freePort();

    /** A persistent node with a region of {@code regionBytes}, written {@code entries} values each way, restarted. */
    private GridNode restartedWith(long regionBytes, int entries) throws IgniteCheckedException {
        GridSettings settings = TestGrid.settings("preload", discoveryPort, communicationPort, work)
                .withPersistence(work).withDataRegionMaxBytes(regionBytes);
        write(settings, entries);
        return GridNode.start(settings);
    }

    @Test
    void whatFitsIsInMemoryAfterARestartWithoutBeingRead() throws Exception {
        try (GridNode node = restartedWith(128L * 1024 * 1024, 4_000)) {
            Ignite ignite = node.ignite();
            long before = memory(ignite).loadedPages();
            int preloaded = preload(ignite);

            assertThat(preloaded).as("every partition holding an entry")
                    .isEqualTo(partitionsWithEntries(ignite, CacheNames.PUBLIC_IDS)
                            + partitionsWithEntries(ignite, CacheNames.PRIVATE_IDS));
            // Nothing was read: the values' pages (at least their bytes) came in through the preload alone.
            long valuePages = 2L * 4_000 * VALUE_BYTES / pageSize(ignite);
            assertThat(memory(ignite).loadedPages() - before).isGreaterThanOrEqualTo(valuePages);
        }
    }

    @Test
    void aRegionSmallerThanTheDataIsFilledToItsShareAndNoFurther() throws Exception {
        try (GridNode node = restartedWith(64L * 1024 * 1024, 20_000)) {
            Ignite ignite = node.ignite();
            PageMemoryEx memory = memory(ignite);
            int preloaded = preload(ignite);

            assertThat(preloaded).as("some partitions, not all").isPositive()
                    .isLessThan(partitionsWithEntries(ignite, CacheNames.PUBLIC_IDS)
                            + partitionsWithEntries(ignite, CacheNames.PRIVATE_IDS));
            assertThat(memory.loadedPages()).isLessThanOrEqualTo((long) (memory.totalPages() * PagePreload.SHARE));
            // What was not preloaded is still read from disk.
            assertThat(ignite.<String, byte[]>cache(CacheNames.PRIVATE_IDS).get("key-19999")).hasSize(VALUE_BYTES);
        }
    }

    @Test
    void withoutPersistenceNothingIsPreloaded() throws Exception {
        GridSettings settings = TestGrid.settings("preload", discoveryPort, communicationPort, work);
        try (GridNode node = GridNode.start(settings)) {
            node.ignite().<String, byte[]>cache(CacheNames.PUBLIC_IDS).put("key", new byte[VALUE_BYTES]);
            AtomicInteger tried = new AtomicInteger();
            PagePreload.run(node.ignite(), done -> tried.incrementAndGet());
            assertThat(tried.get()).isZero();
        }
    }

    /**
     * Writes {@code entries} values of a kilobyte into the public and the private identities, then stops after a
     * checkpoint: the restart finds them on disk alone, not in the write-ahead log it would replay into memory.
     */
    private static void write(GridSettings settings, int entries) throws IgniteCheckedException {
        try (GridNode node = GridNode.start(settings)) {
            for (String name : new String[] {CacheNames.PUBLIC_IDS, CacheNames.PRIVATE_IDS}) {
                IgniteCache<String, byte[]> cache = node.ignite().cache(name);
                Map<String, byte[]> batch = new HashMap<>();
                for (int i = 0; i < entries; i++) {
                    byte[] value = new byte[VALUE_BYTES];
                    value[0] = (byte) i;
                    batch.put("key-" + i, value);
                    if (batch.size() == 500) {
                        cache.putAll(batch);
                        batch.clear();
                    }
                }
                cache.putAll(batch);
            }
            ((IgniteEx) node.ignite()).context().cache().context().database().waitForCheckpoint("test");
        }
    }

    /** Runs the preload; returns the partitions it preloaded. */
    private static int preload(Ignite ignite) throws InterruptedException {
        AtomicInteger preloaded = new AtomicInteger();
        PagePreload.run(ignite, done -> preloaded.addAndGet(done ? 1 : 0));
        return preloaded.get();
    }

    private static int partitionsWithEntries(Ignite ignite, String name) {
        IgniteCache<String, byte[]> cache = ignite.cache(name);
        int count = 0;
        for (int partition = 0; partition < ignite.affinity(name).partitions(); partition++) {
            if (cache.localSizeLong(partition, CachePeekMode.PRIMARY) > 0) {
                count++;
            }
        }
        return count;
    }

    private static PageMemoryEx memory(Ignite ignite) {
        return (PageMemoryEx) ((IgniteEx) ignite).cachex(CacheNames.PUBLIC_IDS).context().dataRegion().pageMemory();
    }

    private static int pageSize(Ignite ignite) {
        return memory(ignite).pageSize();
    }
}
