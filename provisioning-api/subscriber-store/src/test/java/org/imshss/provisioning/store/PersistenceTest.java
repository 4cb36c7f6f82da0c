package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.cluster.ClusterState;
import org.imshss.provisioning.model.PublicIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native persistence on one node: the first start activates the cluster, a restart brings the data back. */
class PersistenceTest {

    @TempDir
    Path work;

    private final int discoveryPort = TestGrid.freePort();
    private final int communicationPort = TestGrid.freePort();

    private GridSettings settings() {
        return TestGrid.settings("persist", discoveryPort, communicationPort, work).withPersistence(work);
    }

    @Test
    void dataSurvivesARestart() {
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            assertThat(node.ignite().cluster().state()).isEqualTo(ClusterState.ACTIVE);
            store.putSubscription(Samples.subscription("kept"));
            store.putPublicIdentity(Samples.publicIdentity("sip:kept@ims.example.org", "kept", "kept@ims.example.org"));
            store.putPublicIdentity(Samples.wildcardPsi("sip:kept-!.*!@ims.example.org"));
            store.updateRegistration("kept", new TestUpdates.AssignIfFree("sip:scscf-kept"));
        }
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            assertThat(node.ignite().cluster().state()).isEqualTo(ClusterState.ACTIVE);
            assertThat(store.subscription("kept")).contains(Samples.subscription("kept"));
            assertThat(store.publicIdentity("sip:kept@ims.example.org")).isPresent();
            assertThat(store.wildcardMatch("sip:kept-x@ims.example.org"))
                    .map(PublicIdentity::identity).contains("sip:kept-!.*!@ims.example.org");
            assertThat(store.registration("kept").scscfName()).isEqualTo("sip:scscf-kept");
            // The configuration restored from disk keeps the interceptor that drops the primary's copy.
            store.updateRegistration("kept", new TestUpdates.Clear());
            assertThat(store.registration("kept").isEmpty()).isTrue();
        }
    }

    /** Written without the log during the load, on disk once it ends: a restart finds every subscriber. */
    @Test
    void anInitialLoadWritesWithoutTheLogAndLeavesEverythingOnDisk() {
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            try (InitialLoad load = store.initialLoad()) {
                awaitLog(node, CacheNames.INITIAL_LOAD, false);
                assertThat(node.ignite().cluster().isWalEnabled(CacheNames.AUDIT)).isTrue();
                assertThat(node.ignite().cluster().isWalEnabled(CacheNames.REGISTRATIONS)).isTrue();
                store.putSubscription(Samples.subscription("loaded"));
                store.putPublicIdentity(Samples.publicIdentity("sip:loaded@ims.example.org", "loaded",
                        "loaded@ims.example.org"));
                // A second load overlapping the first: the first of them to end turns the log back on.
                store.initialLoad().close();
                awaitLog(node, CacheNames.INITIAL_LOAD, true);
                store.putSubscription(Samples.subscription("loaded-after"));
            }
            awaitLog(node, CacheNames.INITIAL_LOAD, true);
        }
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            assertThat(store.subscription("loaded")).contains(Samples.subscription("loaded"));
            assertThat(store.publicIdentity("sip:loaded@ims.example.org")).isPresent();
            assertThat(store.subscription("loaded-after")).isPresent();
        }
    }

    /** The state Ignite reports may trail a change just made on the node by a moment. */
    private static void awaitLog(GridNode node, List<String> caches, boolean on) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String cache : caches) {
            while (node.ignite().cluster().isWalEnabled(cache) != on && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(node.ignite().cluster().isWalEnabled(cache)).as(cache).isEqualTo(on);
        }
    }

    /** A node stopped during an initial load comes back with the log on, so later writes are not as fragile. */
    @Test
    void aLogLeftOffByAnUnfinishedLoadIsTurnedBackOnAtStart() {
        try (GridNode node = GridNode.start(settings())) {
            node.ignite().cluster().disableWal(CacheNames.PUBLIC_IDS);
            awaitLog(node, List.of(CacheNames.PUBLIC_IDS), false);
        }
        try (GridNode node = GridNode.start(settings())) {
            awaitLog(node, List.of(CacheNames.PUBLIC_IDS), true);
        }
    }
}
