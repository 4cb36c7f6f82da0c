package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores over another cache layout on the same node (the warm-up's): caches of their own, on this node alone, in
 * the in-memory local region; what is written through them is not seen through the node's stores, and they go in
 * one call.
 */
class CacheLayoutTest {

    @TempDir
    static Path work;

    private static GridNode node;
    private static IgniteSubscriberStore store;

    @BeforeAll
    static void start() {
        node = GridNode.start(TestGrid.settings("layout-test", TestGrid.freePort(), TestGrid.freePort(), work));
        store = new IgniteSubscriberStore(node.ignite());
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void storesOverALocalLayoutKeepTheirRecordsApartAndTheirCachesGoInOneCall() throws Exception {
        CacheLayout layout = new CacheLayout("warm-up.layout-test.");
        node.createLocalCaches(layout);
        assertThat(node.ignite().cacheNames()).containsAll(layout.storeCaches())
                .doesNotContain(layout.name(CacheNames.AUDIT));
        CacheConfiguration<?, ?> subscriptions = node.ignite().cache(layout.name(CacheNames.SUBSCRIPTIONS))
                .getConfiguration(CacheConfiguration.class);
        assertThat(subscriptions.getBackups()).isZero();
        assertThat(subscriptions.getDataRegionName()).isEqualTo(GridNode.LOCAL_REGION);
        assertThat(subscriptions.getAtomicityMode()).isEqualTo(CacheAtomicityMode.ATOMIC);
        assertThat(subscriptions.getWriteSynchronizationMode()).isEqualTo(CacheWriteSynchronizationMode.FULL_SYNC);
        assertThat(subscriptions.getTopologyValidator()).isNull();
        assertThat(subscriptions.getNodeFilter().apply(node.ignite().cluster().localNode())).isTrue();
        assertThat(subscriptions.getAffinity().partitions()).isEqualTo(node.ignite()
                .cache(CacheNames.SUBSCRIPTIONS).getConfiguration(CacheConfiguration.class).getAffinity()
                .partitions());

        try (IgniteSubscriberStore local = new IgniteSubscriberStore(node.ignite(), RecordCodec.shared(), 100, null,
                layout)) {
            local.putSubscription(Samples.subscription("layout-sub"));
            local.putPublicIdentity(Samples.publicIdentity("sip:layout@ims.example.org", "layout-sub",
                    "layout@ims.example.org"));
            assertThat(local.publicIdentity("sip:layout@ims.example.org")).isPresent();
            assertThat(local.subscriptionIds(null, null, 10)).containsExactly("layout-sub");
        }
        assertThat(store.publicIdentity("sip:layout@ims.example.org")).isEmpty();
        assertThat(store.subscriptionIds("layout", null, 10)).isEmpty();

        node.destroyCaches(layout);
        assertThat(node.ignite().cacheNames()).noneMatch(name -> name.startsWith(layout.prefix()))
                .containsAll(CacheNames.ALL);
    }

    @Test
    void theNodesOwnCachesAreNeitherMadeLocalNorDestroyed() {
        assertThatThrownBy(() -> node.createLocalCaches(CacheLayout.NODE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.destroyCaches(CacheLayout.NODE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(node.ignite().cacheNames()).containsAll(CacheNames.ALL);
    }
}
